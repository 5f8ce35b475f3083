/**
 * Lesson 08, character-level prediction after the Data Driven Investor article "LSTM vs GRU:
 * Understanding the 2 Major Neural Networks Ruling Character-Wise Text Prediction": a text whose
 * brackets need a memory longer than a fixed window ({@link rnnkit.lessons.chars.BracketText}), and
 * the article's chunked GRU function ({@link rnnkit.lessons.chars.ChunkedGru}).
 */
package rnnkit.lessons.chars;
