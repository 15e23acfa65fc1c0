"""Fine-tunes the score stage's encoder (bge-small-zh-v1.5) on our own target-sentiment lines and writes it back into
the int8 ONNX graph the Java side runs, weights re-quantized exactly as that graph stores them.

Run by scripts/finetune-encoder (read it first); needs Debian's python3-torch (1.13) and python3-onnx (1.12). Steps:
  train     fine-tune from the full-precision ONNX weights on the lines `train --export-tokens` wrote
  export    put the fine-tuned weights into the shipped int8 graph; write reference vectors for the Java test
  selftest  export the unchanged weights: must give the shipped int8 graph's initializers bit for bit
  vectors   reference vectors of the full-precision weights (to compare with the Java encoder on the same file)
"""
import argparse
import copy
import io
import json
import random
import sys
import time
import zipfile

import numpy as np
import onnx
import torch
from onnx import numpy_helper
from torch import nn

HIDDEN, HEADS, LAYERS, EPS = 512, 8, 4, 1e-12
LABELS = ["neg", "neu", "pos"]
CONTEXT = 8  # tokens either side of the target, as the Java head's context block (TargetFeatures.CONTEXT)
# torch module -> path of the same weights in the Hugging Face / ONNX names
LAYER_PARTS = {"query": "attention.self.query", "key": "attention.self.key", "value": "attention.self.value",
               "attn_out": "attention.output.dense", "attn_norm": "attention.output.LayerNorm",
               "inter": "intermediate.dense", "out": "output.dense", "out_norm": "output.LayerNorm"}
EMBEDDINGS = {"words.weight": "embeddings.word_embeddings.weight",
              "positions.weight": "embeddings.position_embeddings.weight",
              "types.weight": "embeddings.token_type_embeddings.weight",
              "norm.weight": "embeddings.LayerNorm.weight", "norm.bias": "embeddings.LayerNorm.bias"}


class Layer(nn.Module):
    def __init__(self, dropout):
        super().__init__()
        for name in ("query", "key", "value", "attn_out"):
            setattr(self, name, nn.Linear(HIDDEN, HIDDEN))
        self.inter = nn.Linear(HIDDEN, 4 * HIDDEN)
        self.out = nn.Linear(4 * HIDDEN, HIDDEN)
        self.attn_norm = nn.LayerNorm(HIDDEN, eps=EPS)
        self.out_norm = nn.LayerNorm(HIDDEN, eps=EPS)
        self.drop = nn.Dropout(dropout)

    def forward(self, x, mask_bias):
        b, t, _ = x.shape

        def heads(y):
            return y.view(b, t, HEADS, HIDDEN // HEADS).transpose(1, 2)

        scores = heads(self.query(x)) @ heads(self.key(x)).transpose(-1, -2) / (HIDDEN // HEADS) ** 0.5
        attention = self.drop(torch.softmax(scores + mask_bias, dim=-1))
        context = (attention @ heads(self.value(x))).transpose(1, 2).reshape(b, t, HIDDEN)
        x = self.attn_norm(x + self.drop(self.attn_out(context)))
        return self.out_norm(x + self.drop(self.out(nn.functional.gelu(self.inter(x)))))


class Bert(nn.Module):
    """BERT as bge-small-zh-v1.5's ONNX graph computes it: last_hidden_state, token type 0 everywhere."""

    def __init__(self, vocabulary, positions, dropout=0.1):
        super().__init__()
        self.words = nn.Embedding(vocabulary, HIDDEN)
        self.positions = nn.Embedding(positions, HIDDEN)
        self.types = nn.Embedding(2, HIDDEN)
        self.norm = nn.LayerNorm(HIDDEN, eps=EPS)
        self.layers = nn.ModuleList(Layer(dropout) for _ in range(LAYERS))
        self.drop = nn.Dropout(dropout)

    def forward(self, ids, mask):
        x = self.words(ids) + self.types.weight[0] + self.positions.weight[: ids.shape[1]]
        x = self.drop(self.norm(x))
        mask_bias = (1.0 - mask[:, None, None, :].float()) * -1e4
        for layer in self.layers:
            x = layer(x, mask_bias)
        return x


class TargetClassifier(nn.Module):
    """The encoder with a target-aware layer: [target's tokens, [CLS], the 8 tokens either side] -> 3 labels."""

    def __init__(self, bert, dropout=0.1):
        super().__init__()
        self.bert = bert
        self.drop = nn.Dropout(dropout)
        self.classify = nn.Linear(3 * HIDDEN, len(LABELS))

    def forward(self, ids, mask, rows, own, context):
        states = self.bert(ids, mask)[rows]  # one row per target: [targets, tokens, hidden]
        pooled = torch.cat([torch.bmm(own[:, None, :], states)[:, 0], states[:, 0],
                            torch.bmm(context[:, None, :], states)[:, 0]], dim=-1)
        return self.classify(self.drop(pooled))


# --- ONNX weights in and out ---

def load_onnx(path):
    """An ONNX model from a file, or from JAR!ENTRY inside a jar."""
    if "!" in path:
        jar, entry = path.split("!", 1)
        with zipfile.ZipFile(jar) as z:
            return onnx.load_model_from_string(z.read(entry))
    return onnx.load(path)


def linear_weight_names(graph):
    """Module path (e.g. encoder.layer.0.attention.self.query) -> the name of its MatMul weight in the graph."""
    initializers = {i.name for i in graph.initializer}
    consumers = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    names = {}
    for node in graph.node:
        if node.op_type == "MatMul" and node.input[1] in initializers:
            add = consumers[node.output[0]][0]
            bias = [i for i in add.input if i in initializers and i.endswith(".bias")]
            names[bias[0][: -len(".bias")]] = node.input[1]
    return names


def onnx_names(state_keys, linear_names):
    """torch state key -> (ONNX initializer name, whether stored transposed)."""
    out = {}
    for key in state_keys:
        if key in EMBEDDINGS:
            out[key] = (EMBEDDINGS[key], False)
            continue
        _, layer, part, kind = key.split(".")
        path = "encoder.layer.%s.%s" % (layer, LAYER_PARTS[part])
        if kind == "weight" and not part.endswith("norm"):
            out[key] = (linear_names[path], True)
        else:
            out[key] = ("%s.%s" % (path, kind), False)
    return out


def bert_from_onnx(fp32, dropout=0.1):
    weights = {i.name: numpy_helper.to_array(i) for i in fp32.graph.initializer}
    bert = Bert(weights[EMBEDDINGS["words.weight"]].shape[0], weights[EMBEDDINGS["positions.weight"]].shape[0],
                dropout)
    names = onnx_names(bert.state_dict().keys(), linear_weight_names(fp32.graph))
    state = {}
    for key, (name, transposed) in names.items():
        array = weights[name].T if transposed else weights[name]
        state[key] = torch.from_numpy(np.array(array, dtype=np.float32))
    bert.load_state_dict(state)
    return bert, names


def quantize_per_column_int8(weight):
    """As the shipped graph stores a MatMul weight: int8, symmetric, one scale per output column, range [-64, 64]."""
    scale = (np.abs(weight).max(axis=0).astype(np.float32) / np.float32(64)).astype(np.float32)
    scale[scale == 0] = np.float32(1)
    quantized = np.clip(np.round(weight / scale), -64, 64).astype(np.int8)
    return quantized, scale, np.zeros(scale.shape, dtype=np.int8)


def quantize_per_tensor_uint8(weight):
    """As the shipped graph stores an embedding table: uint8, symmetric around 128, one scale."""
    scale = np.float32(2 * np.abs(weight).max() / 255)
    quantized = np.clip(np.round(weight / scale) + 128, 0, 255).astype(np.uint8)
    return quantized, np.array(scale, dtype=np.float32), np.array(128, dtype=np.uint8)


def export_int8(state, names, int8):
    """The int8 graph with every initializer replaced from the torch state; fails on any initializer left over."""
    replaced = {}
    for key, (name, transposed) in names.items():
        array = state[key].detach().cpu().numpy().astype(np.float32)
        array = np.ascontiguousarray(array.T if transposed else array)
        if name.startswith("onnx::MatMul"):
            quantized, scale, zero = quantize_per_column_int8(array)
        elif name.startswith("embeddings.") and name.endswith("_embeddings.weight"):
            quantized, scale, zero = quantize_per_tensor_uint8(array)
        else:
            replaced[name] = array
            continue
        replaced[name + "_quantized"] = quantized
        replaced[name + "_scale"] = scale
        replaced[name + "_zero_point"] = zero
    model = copy.deepcopy(int8)
    for initializer in model.graph.initializer:
        if initializer.name not in replaced:
            raise SystemExit("the int8 graph holds an initializer this script does not know: " + initializer.name)
        old = numpy_helper.to_array(initializer)
        new = replaced.pop(initializer.name)
        if old.shape != new.shape or old.dtype != new.dtype:
            raise SystemExit("%s: %s %s in the graph, %s %s here" % (initializer.name, old.dtype, old.shape,
                                                                      new.dtype, new.shape))
        initializer.CopyFrom(numpy_helper.from_array(new, initializer.name))
    if replaced:
        raise SystemExit("the int8 graph lacks " + ", ".join(sorted(replaced)))
    return model


# --- data ---

def read_lines(path):
    """The lines `train --export-tokens` wrote, grouped by the token sequence the encoder reads."""
    groups = {}
    for line in open(path, encoding="utf-8"):
        row = json.loads(line)
        key = (tuple(row["ids"]), row["heldOut"])
        groups.setdefault(key, []).append((row["targetTokens"], LABELS.index(row["label"])))
    return [{"ids": list(ids), "heldOut": held, "targets": targets} for (ids, held), targets in groups.items()]


def pooling_weights(n, own_tokens):
    """Averaging weights over a sequence of n tokens for the target's own tokens and the 8 tokens either side."""
    own = np.zeros(n, dtype=np.float32)
    own[own_tokens] = 1
    context = np.zeros(n, dtype=np.float32)
    for t in own_tokens:
        context[max(1, t - CONTEXT): min(n - 1, t + CONTEXT + 1)] = 1
    context[own > 0] = 0
    return own / max(1, own.sum()), context / max(1, context.sum())


def batch_tensors(groups):
    width = max(len(g["ids"]) for g in groups)
    ids = torch.zeros(len(groups), width, dtype=torch.long)
    mask = torch.zeros(len(groups), width, dtype=torch.long)
    rows, owns, contexts, labels = [], [], [], []
    for b, group in enumerate(groups):
        n = len(group["ids"])
        ids[b, :n] = torch.tensor(group["ids"])
        mask[b, :n] = 1
        for own_tokens, label in group["targets"]:
            own, context = pooling_weights(width, own_tokens)
            own[n:] = 0
            context[n - 1:] = 0
            rows.append(b)
            owns.append(own)
            contexts.append(context)
            labels.append(label)
    return (ids, mask, torch.tensor(rows), torch.from_numpy(np.stack(owns)), torch.from_numpy(np.stack(contexts)),
            torch.tensor(labels))


def batches(groups, size, rng):
    """Batches of similar length (less padding), in random order."""
    order = list(groups)
    rng.shuffle(order)
    out = []
    pool = size * 50
    for start in range(0, len(order), pool):
        chunk = sorted(order[start:start + pool], key=lambda g: len(g["ids"]))
        out.extend(chunk[i:i + size] for i in range(0, len(chunk), size))
    rng.shuffle(out)
    return out


def macro_f1(gold, predicted):
    f1s = []
    for c in range(len(LABELS)):
        tp = sum(1 for g, p in zip(gold, predicted) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, predicted) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, predicted) if g == c and p != c)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / len(f1s), f1s


def evaluate(model, groups):
    model.eval()
    gold, predicted = [], []
    with torch.no_grad():
        ordered = sorted(groups, key=lambda g: len(g["ids"]))
        for i in range(0, len(ordered), 64):
            ids, mask, rows, own, context, labels = batch_tensors(ordered[i:i + 64])
            predicted += model(ids, mask, rows, own, context).argmax(-1).tolist()
            gold += labels.tolist()
    model.train()
    return macro_f1(gold, predicted)


# --- commands ---

def train(args):
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    bert, _ = bert_from_onnx(load_onnx(args.fp32), args.dropout)
    for frozen in (bert.words, bert.positions, bert.types):
        frozen.weight.requires_grad = False
    model = TargetClassifier(bert, args.dropout)
    groups = read_lines(args.tokens)
    training = [g for g in groups if not g["heldOut"]]
    held_out = [g for g in groups if g["heldOut"]]
    counts = np.bincount([label for g in training for _, label in g["targets"]], minlength=len(LABELS))
    # balanced labels, as the Java head is trained (its prior moves the probabilities back to news' shares)
    loss_of = nn.CrossEntropyLoss(weight=torch.tensor(counts.sum() / (len(LABELS) * counts), dtype=torch.float32))
    encoder = [(n, p) for n, p in bert.named_parameters() if p.requires_grad]
    decay = [p for n, p in encoder if n.endswith("weight") and "norm" not in n]
    no_decay = [p for n, p in encoder if not (n.endswith("weight") and "norm" not in n)]
    optimizer = torch.optim.AdamW([{"params": decay, "weight_decay": args.weight_decay},
                                   {"params": no_decay, "weight_decay": 0.0},
                                   {"params": model.classify.parameters(), "lr": args.head_lr, "weight_decay": 0.0}],
                                  lr=args.lr)
    rng = random.Random(args.seed)
    steps = args.epochs * ((len(training) + args.batch - 1) // args.batch)
    warm_up = max(1, int(0.06 * steps))
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warm_up, max(0.0, (steps - s) / (steps - warm_up))))
    print("training on %d targets in %d texts (labels %s), %d held out in %d texts; %d steps" % (
        counts.sum(), len(training), dict(zip(LABELS, counts.tolist())),
        sum(len(g["targets"]) for g in held_out), len(held_out), steps), file=sys.stderr)
    f1, per_label = evaluate(model, held_out)
    print("epoch 0 (the frozen encoder, untrained layer): held-out macro-F1 %.4f" % f1, file=sys.stderr)
    best = (-1.0, None, 0)
    step = 0
    started = time.time()
    for epoch in range(1, args.epochs + 1):
        epoch_started = time.time()
        total = 0.0
        for i, batch in enumerate(batches(training, args.batch, rng)):
            ids, mask, rows, own, context, labels = batch_tensors(batch)
            loss = loss_of(model(ids, mask, rows, own, context), labels)
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            step += 1
            total += loss.item()
            if step % 50 == 0:
                print("epoch %d step %d/%d: loss %.4f, %.0f s" % (epoch, step, steps, total / (i + 1),
                                                                 time.time() - started), file=sys.stderr)
        f1, per_label = evaluate(model, held_out)
        print("epoch %d: loss %.4f, held-out macro-F1 %.4f (neg/neu/pos F1 %s), %.0f s" % (
            epoch, total / (i + 1), f1, " / ".join("%.3f" % x for x in per_label), time.time() - epoch_started),
            file=sys.stderr)
        if f1 > best[0]:
            best = (f1, copy.deepcopy(model.bert.state_dict()), epoch)
    print("kept epoch %d (held-out macro-F1 %.4f); %.0f s in all" % (best[2], best[0], time.time() - started),
          file=sys.stderr)
    torch.save({"bert": best[1], "epoch": best[2], "heldOutMacroF1": best[0], "options": vars(args)}, args.state)


def reference_vectors(bert, groups):
    """[CLS] and the mean over all tokens, per text, of the full-precision model: what the Java test compares."""
    bert.eval()
    out = []
    with torch.no_grad():
        for group in groups:
            ids = torch.tensor([group["ids"]])
            states = bert(ids, torch.ones_like(ids))[0]
            out.append({"ids": group["ids"], "cls": [round(x, 5) for x in states[0].tolist()],
                        "mean": [round(x, 5) for x in states.mean(0).tolist()]})
    return {"sentences": out}


def reference_groups(path, count):
    groups = read_lines(path)
    return [groups[i * len(groups) // count] for i in range(count)]


def export(args):
    fp32 = load_onnx(args.fp32)
    bert, names = bert_from_onnx(fp32)
    saved = torch.load(args.state)
    bert.load_state_dict(saved["bert"])
    model = export_int8(bert.state_dict(), names, load_onnx(args.int8))
    onnx.save(model, args.out)
    with open(args.reference, "w", encoding="utf-8") as out:
        json.dump(reference_vectors(bert, reference_groups(args.tokens, 3)), out)
    print("wrote %s (epoch %d, held-out macro-F1 %.4f) and %s" % (args.out, saved["epoch"], saved["heldOutMacroF1"],
                                                                 args.reference), file=sys.stderr)


def selftest(args):
    bert, names = bert_from_onnx(load_onnx(args.fp32))
    int8 = load_onnx(args.int8)
    exported = export_int8(bert.state_dict(), names, int8)
    shipped = {i.name: numpy_helper.to_array(i) for i in int8.graph.initializer}
    for initializer in exported.graph.initializer:
        mine = numpy_helper.to_array(initializer)
        if not np.array_equal(mine, shipped[initializer.name]):
            raise SystemExit("differs from the shipped int8 graph: %s (%d of %d values)" % (
                initializer.name, int((mine != shipped[initializer.name]).sum()), mine.size))
    print("the unchanged weights, quantized here, equal the shipped int8 graph's %d initializers bit for bit"
          % len(shipped), file=sys.stderr)


def vectors(args):
    bert, _ = bert_from_onnx(load_onnx(args.fp32))
    with open(args.reference, "w", encoding="utf-8") as out:
        json.dump(reference_vectors(bert, reference_groups(args.tokens, args.count)), out)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("train", "export", "selftest", "vectors"):
        command = commands.add_parser(name)
        command.add_argument("--fp32", required=True, help="full-precision ONNX file, or JAR!ENTRY")
        if name in ("export", "selftest"):
            command.add_argument("--int8", required=True, help="the shipped int8 ONNX file, or JAR!ENTRY")
        if name != "selftest":
            command.add_argument("--tokens", required=True, help="JSONL from `train --export-tokens`")
        if name in ("train", "export"):
            command.add_argument("--state", required=True, help="fine-tuned weights (.pt), written by train")
        if name in ("export", "vectors"):
            command.add_argument("--reference", required=True, help="reference vectors (JSON) to write")
        if name == "export":
            command.add_argument("--out", required=True, help="fine-tuned int8 ONNX file to write")
        if name == "vectors":
            command.add_argument("--count", type=int, default=5)
        if name == "train":
            command.add_argument("--epochs", type=int, default=3)
            command.add_argument("--lr", type=float, default=3e-5)
            command.add_argument("--head-lr", type=float, default=1e-3)
            command.add_argument("--weight-decay", type=float, default=0.01)
            command.add_argument("--dropout", type=float, default=0.1)
            command.add_argument("--batch", type=int, default=16, help="texts per step")
            command.add_argument("--seed", type=int, default=1)
            command.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    {"train": train, "export": export, "selftest": selftest, "vectors": vectors}[args.command](args)


if __name__ == "__main__":
    main()
