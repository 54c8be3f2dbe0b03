"""Turns SKAB's published predictions (results/*.pkl, pandas pickles) into plain CSVs for the C# tests.

Each pickle is what a SKAB notebook saved: a list of 34 pandas Series, one per data file in the order
os.walk gave them on the authors' machine, indexed by the rows' datetime, valued 0/1 (predicted anomaly).
The changepoint predictions are not saved; the C# test derives them by the notebooks' rules.

Writes OUT/<pickle stem>/<list position, 2 digits>.csv with the header `datetime;anomaly`.
Run with Debian's python3 (python3-pandas): /usr/bin/python3 skab_predictions_to_csv.py RESULTS_DIR OUT_DIR
Exit codes: 0 done, 2 usage, 3 pandas missing, 4 a pickle is not what the tests expect.
"""

import glob
import os
import sys


def main(argv):
    if len(argv) != 3:
        print("usage: skab_predictions_to_csv.py RESULTS_DIR OUT_DIR", file=sys.stderr)
        return 2
    try:
        import pandas as pd
    except ImportError as error:
        print(f"pandas is missing ({error}): apt-get install python3-pandas", file=sys.stderr)
        return 3
    results, out = argv[1], argv[2]
    pickles = sorted(glob.glob(os.path.join(results, "results-*.pkl")))
    if not pickles:
        print(f"no results-*.pkl in {results}", file=sys.stderr)
        return 4
    for path in pickles:
        stem = os.path.splitext(os.path.basename(path))[0][len("results-"):]
        series_list = pd.read_pickle(path)
        if not isinstance(series_list, list) or not all(isinstance(s, pd.Series) for s in series_list):
            print(f"{path}: expected a list of pandas Series, got {type(series_list).__name__}", file=sys.stderr)
            return 4
        folder = os.path.join(out, stem)
        os.makedirs(folder, exist_ok=True)
        for position, series in enumerate(series_list):
            if not isinstance(series.index, pd.DatetimeIndex):
                print(f"{path}[{position}]: index is {type(series.index).__name__}, not datetimes", file=sys.stderr)
                return 4
            # Some notebooks save ints, Isolation forest floats (a rolling median): anything but 0/1 (NaN
            # included) would be silently re-read as something else, so it stops here instead.
            if not series.isin([0, 1]).all():
                print(f"{path}[{position}]: values other than 0/1: {sorted(set(series.unique()))[:5]}", file=sys.stderr)
                return 4
            with open(os.path.join(folder, f"{position:02d}.csv"), "w", encoding="ascii", newline="\n") as csv:
                csv.write("datetime;anomaly\n")
                for stamp, value in zip(series.index, series.to_numpy()):
                    csv.write(f"{stamp.strftime('%Y-%m-%d %H:%M:%S')};{int(value)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
