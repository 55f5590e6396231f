#!/usr/bin/env python3
"""PyTorch reference of the TokenDrift DiT denoiser, driven by `tokendrift bench`.

Same architecture and init scheme as org.tokendrift.nn.DiT: token embedding U(-1/sqrt(d), 1/sqrt(d)),
sinusoidal sigma features -> Linear -> SiLU -> Linear -> SiLU, adaLN-zero blocks with bias-free
LayerNorm, fused QKV without bias, rotate-half RoPE, softmax attention, tanh-GELU MLP, dropout on
branch outputs, zero-initialised final adaLN and output Linear. Training step: forward, weighted
cross-entropy, backward, clip_grad_norm_(1.0), AdamW.

Protocol (one command per stdin line, one JSON reply per line on stdout):
  init <vocab> <seq_len> <width> <layers> <heads> <cond> <mlp_ratio> <dropout> <train_batch> <sample_batch>
  train <k>     -> {"ms": [...]}   k timed training steps
  sample <k>    -> {"ms": [...]}   k timed no-grad forward passes
  gemm <k>      -> {"gflops": x}   float32 GEMM rate on a [4096,256]x[256,1024] product
  info          -> {"torch": ..., "threads": ..., "peak_rss_mb": ..., "params": ...}
  parity <checkpoint> <tokens.bin> <logits.bin>
                -> {"loss": x, "grad_norm": y}  loads a toolkit checkpoint (format: Checkpoint.java),
                   writes the eval-mode logits of the int32 tokens [B, L] as float32, and reports the
                   mean CE of predicting the tokens themselves and the global gradient norm
  quit
CPU only, torch.set_num_threads(2). Load OpenBLAS (LD_LIBRARY_PATH=.../openblas-pthread): Debian's
python3-torch otherwise may use the reference BLAS, which is ~16x slower.
"""
import json
import math
import resource
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(2)
torch.manual_seed(0)


def rotate_half(x):
    h = x.shape[-1] // 2
    return torch.cat((-x[..., h:], x[..., :h]), dim=-1)


class TimestepEmbedder(nn.Module):
    def __init__(self, cond):
        super().__init__()
        self.fc1 = nn.Linear(256, cond)
        self.fc2 = nn.Linear(cond, cond)

    def forward(self, sigma):
        half = 128
        freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32) / half)
        args = sigma[:, None].float() * freqs[None]
        e = torch.cat([torch.cos(args), torch.sin(args)], dim=-1)
        return F.silu(self.fc2(F.silu(self.fc1(e))))


class Block(nn.Module):
    def __init__(self, d, heads, cond, mlp_ratio, dropout):
        super().__init__()
        self.heads = heads
        self.norm1 = nn.Parameter(torch.ones(d))
        self.norm2 = nn.Parameter(torch.ones(d))
        self.qkv = nn.Linear(d, 3 * d, bias=False)
        self.proj = nn.Linear(d, d, bias=False)
        self.fc1 = nn.Linear(d, mlp_ratio * d)
        self.fc2 = nn.Linear(mlp_ratio * d, d)
        self.ada = nn.Linear(cond, 6 * d)
        nn.init.zeros_(self.ada.weight)
        nn.init.zeros_(self.ada.bias)
        self.dropout = dropout

    def forward(self, x, c, cos, sin):
        b, l, d = x.shape
        h = self.heads
        sh1, sc1, g1, sh2, sc2, g2 = self.ada(c)[:, None].chunk(6, dim=2)
        a = F.layer_norm(x, (d,), self.norm1, None, 1e-5) * (1 + sc1) + sh1
        qkv = self.qkv(a).view(b, l, 3, h, d // h).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(d // h), dim=-1)
        o = (att @ v).transpose(1, 2).reshape(b, l, d)
        x = x + g1 * F.dropout(self.proj(o), self.dropout, self.training)
        m = F.layer_norm(x, (d,), self.norm2, None, 1e-5) * (1 + sc2) + sh2
        m = self.fc2(F.gelu(self.fc1(m), approximate="tanh"))
        return x + g2 * F.dropout(m, self.dropout, self.training)


class DiT(nn.Module):
    def __init__(self, vocab, seq_len, d, layers, heads, cond, mlp_ratio, dropout):
        super().__init__()
        self.embed = nn.Parameter(torch.empty(vocab, d))
        nn.init.kaiming_uniform_(self.embed, a=math.sqrt(5))
        self.time = TimestepEmbedder(cond)
        self.blocks = nn.ModuleList([Block(d, heads, cond, mlp_ratio, dropout) for _ in range(layers)])
        self.norm_f = nn.Parameter(torch.ones(d))
        self.ada_f = nn.Linear(cond, 2 * d)
        self.out = nn.Linear(d, vocab)
        for p in (self.ada_f.weight, self.ada_f.bias, self.out.weight, self.out.bias):
            nn.init.zeros_(p)
        dh = d // heads
        inv = 10000.0 ** (-torch.arange(0, dh, 2, dtype=torch.float32) / dh)
        theta = torch.arange(seq_len, dtype=torch.float32)[:, None] * inv[None]
        theta = torch.cat([theta, theta], dim=-1)
        self.register_buffer("cos", theta.cos()[None, None])
        self.register_buffer("sin", theta.sin()[None, None])

    def forward(self, tokens, sigma):
        x = self.embed[tokens]
        c = self.time(sigma)
        for blk in self.blocks:
            x = blk(x, c, self.cos, self.sin)
        sh, sc = self.ada_f(c)[:, None].chunk(2, dim=2)
        x = F.layer_norm(x, (x.shape[-1],), self.norm_f, None, 1e-5) * (1 + sc) + sh
        return self.out(x)


def load_toolkit_checkpoint(model, path):
    """Copies a toolkit checkpoint into `model` (toolkit Linear weights are [in, out])."""
    import struct
    with open(path, "rb") as f:
        if f.read(8) != b"TDPARAM1":
            raise ValueError(path + ": not a toolkit checkpoint")
        (n,) = struct.unpack(">i", f.read(4))
        header = json.loads(f.read(n).decode("utf-8"))
        payload = f.read()
    dtype = torch.float32 if header["dtype"] == "FLOAT" else torch.float64
    width = 4 if dtype == torch.float32 else 8
    tensors, off = {}, 0
    for t in header["tensors"]:
        count = 1
        for s in t["shape"]:
            count *= s
        buf = torch.frombuffer(bytearray(payload[off:off + count * width]), dtype=dtype)
        tensors[t["name"]] = buf.reshape(t["shape"]).float()
        off += count * width

    def linear(mod, prefix):
        mod.weight.copy_(tensors[prefix + ".weight"].t())
        if mod.bias is not None:
            mod.bias.copy_(tensors[prefix + ".bias"].reshape(-1))

    with torch.no_grad():
        model.embed.copy_(tensors["embed.weight"])
        linear(model.time.fc1, "time.fc1")
        linear(model.time.fc2, "time.fc2")
        for i, blk in enumerate(model.blocks):
            p = "block%d" % i
            linear(blk.ada, p + ".adaLN")
            blk.norm1.copy_(tensors[p + ".norm1.weight"].reshape(-1))
            blk.norm2.copy_(tensors[p + ".norm2.weight"].reshape(-1))
            linear(blk.qkv, p + ".attn.qkv")
            linear(blk.proj, p + ".attn.proj")
            linear(blk.fc1, p + ".mlp.fc1")
            linear(blk.fc2, p + ".mlp.fc2")
        linear(model.ada_f, "final.adaLN")
        model.norm_f.copy_(tensors["final.norm.weight"].reshape(-1))
        linear(model.out, "final.out")
    return header


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def main():
    model = opt = None
    state = {}
    for line in sys.stdin:
        cmd = line.split()
        if not cmd:
            continue
        reply = {}
        if cmd[0] == "init":
            v, l, d, layers, heads, cond, ratio = map(int, cmd[1:8])
            dropout = float(cmd[8])
            tb, sb = int(cmd[9]), int(cmd[10])
            model = DiT(v, l, d, layers, heads, cond, ratio, dropout)
            opt = torch.optim.AdamW(model.parameters(), lr=3e-4, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0)
            g = torch.Generator().manual_seed(1)
            state = dict(
                xt=torch.randint(0, v, (tb, l), generator=g), yt=torch.randint(0, v, (tb, l), generator=g),
                wt=torch.ones(tb * l), st=torch.zeros(tb),
                xs=torch.randint(0, v, (sb, l), generator=g), ss=torch.zeros(sb), vocab=v)
            reply = {"params": sum(p.numel() for p in model.parameters())}
        elif cmd[0] == "train":
            model.train()
            times = []
            for _ in range(int(cmd[1])):
                t0 = time.perf_counter()
                logits = model(state["xt"], state["st"])
                ce = F.cross_entropy(logits.view(-1, state["vocab"]), state["yt"].view(-1), reduction="none")
                loss = (ce * state["wt"]).sum() / ce.numel()
                opt.zero_grad(set_to_none=False)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                opt.step()
                times.append((time.perf_counter() - t0) * 1e3)
            reply = {"ms": times, "loss": float(loss)}
        elif cmd[0] == "sample":
            model.eval()
            times = []
            with torch.no_grad():
                for _ in range(int(cmd[1])):
                    t0 = time.perf_counter()
                    logits = model(state["xs"], state["ss"])
                    times.append((time.perf_counter() - t0) * 1e3)
            reply = {"ms": times, "checksum": float(logits[0, 0, 0])}
        elif cmd[0] == "gemm":
            a, b, c = torch.randn(4096, 256), torch.randn(256, 1024), torch.empty(4096, 1024)
            torch.mm(a, b, out=c)
            t0 = time.perf_counter()
            for _ in range(int(cmd[1])):
                torch.mm(a, b, out=c)
            dt = (time.perf_counter() - t0) / int(cmd[1])
            reply = {"gflops": 2 * 4096 * 256 * 1024 / dt / 1e9}
        elif cmd[0] == "parity":
            header = load_toolkit_checkpoint(model, cmd[1])
            l = header["config"]["seqLen"]
            tokens = torch.frombuffer(bytearray(open(cmd[2], "rb").read()), dtype=torch.int32).long().reshape(-1, l)
            model.eval()
            model.zero_grad(set_to_none=False)
            logits = model(tokens, torch.zeros(tokens.shape[0]))
            with open(cmd[3], "wb") as f:
                f.write(logits.detach().contiguous().numpy().astype("<f4").tobytes())
            loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), tokens.reshape(-1))
            loss.backward()
            norm = math.sqrt(sum(float((p.grad ** 2).sum()) for p in model.parameters()))
            reply = {"loss": float(loss), "grad_norm": norm}
        elif cmd[0] == "info":
            reply = {"torch": torch.__version__, "threads": torch.get_num_threads(), "peak_rss_mb": peak_rss_mb(),
                     "blas": "see LD_LIBRARY_PATH"}
        elif cmd[0] == "quit":
            break
        else:
            reply = {"error": "unknown command " + cmd[0]}
        print(json.dumps(reply), flush=True)


if __name__ == "__main__":
    main()
