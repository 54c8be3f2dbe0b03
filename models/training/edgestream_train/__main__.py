"""`python -m edgestream_train <task> ...`: `action` is handled here; any other task name X is
delegated to module edgestream_train.X's main(argv) (e.g. the sensor forecaster's own CLI)."""
import importlib
import sys


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help"):
        print("usage: python -m edgestream_train {action|<task module>} ...  (try: action --help)")
        return 0
    task, rest = argv[0], argv[1:]
    module = importlib.import_module("edgestream_train.action_cli" if task == "action" else f"edgestream_train.{task}")
    return module.main(rest)


if __name__ == "__main__":
    sys.exit(main() or 0)
