"""The rules a retrained sensor model's manifest gets are the ones the shipped models carry."""
import json
import unittest
from pathlib import Path

from edgestream_train import pipeline_rules

MODELS = Path(__file__).resolve().parents[2]


class PipelineRulesTest(unittest.TestCase):
    def assert_shipped(self, folder, channels):
        defaults = json.loads((MODELS / folder / "manifest.json").read_text())["defaults"]
        rule = pipeline_rules.for_channels(channels)
        self.assertEqual({k: defaults[k] for k in rule}, rule)

    def test_univariate_model_ships_the_likelihood_rule(self):
        self.assert_shipped("anomaly-univariate", 1)

    def test_multichannel_model_ships_the_chart_rule(self):
        self.assert_shipped("anomaly", 8)


if __name__ == "__main__":
    unittest.main()
