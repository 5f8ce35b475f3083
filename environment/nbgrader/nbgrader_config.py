# nbgrader's configuration for a course that uses rnnkit's exercises: copy this file to the course's
# root folder (beside source/), and put the solution notebooks of notebooks/exercises/solutions/ in
# source/<assignment>/. They are nbgrader source notebooks: the student's part is marked
# // BEGIN SOLUTION ... // END SOLUTION, and the grading cell is an autograded test cell whose result
# is the number of tests passed (nbgrader's partial credit; its points are the grader's total).
# Run nbgrader with the kit's environment first on PATH (.venv/bin) and JUPYTER_PATH reaching the
# kit's kernel (.venv/share/jupyter), so that autograde runs the notebooks on "Java (rnnkit)".
c = get_config()

c.CourseDirectory.course_id = "rnnkit"

# The stub nbgrader writes in place of a solution region: the same as environment/make_exercises.py,
# so `nbgrader generate_assignment` gives the kit's student notebooks.
c.ClearSolutions.code_stub = {
    "java": '// YOUR CODE HERE\nthrow new UnsupportedOperationException("not implemented yet");',
}

# Seconds one cell may run when autograding (the capstone's grading cell trains a model: about a minute).
c.Execute.timeout = 300
