import sys
from pathlib import Path

ENVIRONMENT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ENVIRONMENT))
