"""Loads a DAG folder with real Airflow's DagBag and prints "N DAGs, 0 import errors", or the errors (exit 1).

Run by `./bighead jobs airflow --out DIR --check` with .bighead/airflow-venv's python. Airflow's home is a fresh
temporary folder, removed afterwards (never ~/airflow nor $AIRFLOW_HOME), examples are off, and nothing here reaches
the network: DagBag only imports the files.
"""

import os
import shutil
import sys
import tempfile


def main(argv):
    if len(argv) != 2 or not os.path.isdir(argv[1]):
        print("usage: check_dags.py DAG_FOLDER (an existing folder)", file=sys.stderr)
        return 2
    folder = os.path.abspath(argv[1])
    home = tempfile.mkdtemp(prefix="bighead-airflow-home-")   # never the user's Airflow (~/airflow, AIRFLOW_HOME)
    os.environ["AIRFLOW_HOME"] = home
    os.environ.pop("AIRFLOW_CONFIG", None)
    os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
    os.environ["AIRFLOW__LOGGING__LOGGING_LEVEL"] = "CRITICAL"  # the errors are printed below, once
    os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = folder
    try:
        # only now: importing airflow reads AIRFLOW_HOME
        from airflow.dag_processing.dagbag import DagBag

        # Airflow's own log lines go to stderr: stdout is the summary line alone
        stdout = os.dup(1)
        os.dup2(2, 1)
        try:
            bag = DagBag(dag_folder=folder, safe_mode=False)
        finally:
            sys.stdout.flush()
            os.dup2(stdout, 1)
            os.close(stdout)
        for path, error in sorted(bag.import_errors.items()):
            print(f"{os.path.relpath(path, folder)}: {error.strip()}", file=sys.stderr)
        print(f"{len(bag.dags)} DAGs, {len(bag.import_errors)} import errors")
        return 1 if bag.import_errors else 0
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
