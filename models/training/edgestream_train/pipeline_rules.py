"""The anomaly rules the C# pipeline ships, as the manifest's defaults.score (src/EdgeStream.Core/Decisions):
kind "likelihood" for one channel (measured on NAB), kind "chart" for several (measured on SKAB); models/README.md
has the numbers and how each setting was chosen. This recipe's own rule (sensor_scoring, kind "zscore") stays the
reference it tunes and reports in evaluation.json; the C# rules have no Python copy: `edgestream evaluate` scores them.
"""

LIKELIHOOD = {
    "score": {"kind": "likelihood", "threshold": 0.5,
              "likelihood": {"historySamples": 4000, "shortWindows": [20, 100], "learningSamples": 150,
                             "red": 1e-5, "yellow": 1e-3, "rearm": 1e-3, "spatialTolerance": 0.05,
                             "refractorySamples": 25, "quietSamples": 150}},
    "enterWindows": 1, "exitWindows": 1,
}

CHART = {
    "score": {"kind": "chart", "threshold": 3.0, "chart": {"window": 20, "quantile": 0.99}},
    "enterWindows": 1, "exitWindows": 5,
}


def for_channels(channels: int) -> dict:
    """The shipped rule for a model of this many channels: defaults.score, enterWindows, exitWindows."""
    return LIKELIHOOD if channels == 1 else CHART
