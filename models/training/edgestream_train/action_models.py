"""Action models. The default (CNN-LSTM-Attention) is an encoder (frame -> feature[F]) plus a head
(features[B,T,F] -> logits, attention) so it exports fused or split (encode each frame once)."""
import torch
import torch.nn as nn
import torch.nn.functional as F

FEATURES = 128


def conv_block(cin, cout, stride=1, pool=True):
    layers = [nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU()]
    return nn.Sequential(*layers, nn.MaxPool2d(2)) if pool else nn.Sequential(*layers)


class FrameEncoder(nn.Module):
    """3 conv blocks (32/64/F/2 channels) + AdaptiveAvgPool2d(1) and AdaptiveMaxPool2d(1) side by
    side: 64x64 -> F features, any input size. Why both: the figure covers a small part of the
    frame, so an average alone is dominated by the background texture (the first model sat at
    chance level for 4 epochs); the max keeps the strongest local response (a raised arm, a bent
    knee) wherever it is. The first conv has stride 2: at full resolution it cost 4x the time on
    our 2-core CPU for no accuracy gain on 64x64 input. QuantStub/DeQuantStub are identities until
    int8 preparation."""

    def __init__(self, features=FEATURES):
        super().__init__()
        self.quant = torch.ao.quantization.QuantStub()
        self.b1 = conv_block(3, 32, stride=2)
        self.b2 = conv_block(32, 64)
        self.b3 = conv_block(64, features // 2, pool=False)
        self.avg = nn.AdaptiveAvgPool2d(1)
        self.max = nn.AdaptiveMaxPool2d(1)
        self.dequant = torch.ao.quantization.DeQuantStub()

    def forward(self, x):  # [N,3,H,W] -> [N,F]
        x = self.b3(self.b2(self.b1(self.quant(x))))
        return self.dequant(torch.cat([self.avg(x), self.max(x)], dim=1)).flatten(1)

    def fuse_names(self):
        return [[f"{b}.0", f"{b}.1", f"{b}.2"] for b in ("b1", "b2", "b3")]


def make_lstm(features, hidden):
    lstm = nn.LSTM(features, hidden, batch_first=True)
    with torch.no_grad():  # forget-gate bias 1 (gate order i,f,g,o): remember by default early on
        for name, p in lstm.named_parameters():
            if name.startswith("bias_ih"):
                p.zero_()
                p[hidden:2 * hidden] = 1.0
            elif name.startswith("bias_hh"):
                p.zero_()
    return lstm


class AttentionHead(nn.Module):
    """LSTM + additive attention (Linear-Tanh-Linear energy, softmax(energy / temperature) over T)
    + Linear. Returns (logits[B,K], attention[B,T]). LSTM and softmax stay float under int8."""

    def __init__(self, classes, features=FEATURES, hidden=128, temperature=0.5, skip=False):
        super().__init__()
        self.temperature, self.skip = temperature, skip
        self.lstm = make_lstm(features, hidden)
        self.q_lstm = torch.ao.quantization.QuantStub()   # int8: quantise LSTM output for Linear
        self.att1 = nn.Linear(hidden, hidden)
        self.q_tanh = torch.ao.quantization.QuantStub()   # int8: quantise tanh output for Linear
        self.att2 = nn.Linear(hidden, 1)
        self.q_ctx = torch.ao.quantization.QuantStub()    # int8: quantise context for the classifier
        # skip: the classifier also sees the last LSTM state. Without it the pure attention model sat
        # on a loss plateau for ~4 epochs (an average over time starts with a weak signal).
        self.fc = nn.Linear(2 * hidden if skip else hidden, classes)
        self.dq = torch.ao.quantization.DeQuantStub()

    def forward(self, feats):
        h, _ = self.lstm(feats)                                      # [B,T,H]
        hq = self.q_lstm(h)
        energy = self.att2(self.q_tanh(torch.tanh(self.att1(hq))))  # [B,T,1]
        att = torch.softmax(energy.squeeze(-1) / self.temperature, dim=1)
        ctx = torch.sum(att.unsqueeze(-1) * h, dim=1)                # [B,H]
        if self.skip:
            ctx = torch.cat([ctx, h[:, -1]], dim=1)                   # [B,2H]
        return self.dq(self.fc(self.q_ctx(ctx))), att


class LastStepHead(nn.Module):
    """CNN-LSTM baseline: classify from the last LSTM step (uniform 'attention' for a common API)."""

    def __init__(self, classes, features=FEATURES, hidden=128):
        super().__init__()
        self.lstm = make_lstm(features, hidden)
        self.fc = nn.Linear(hidden, classes)

    def forward(self, feats):
        h, _ = self.lstm(feats)
        att = torch.zeros_like(h[..., 0])
        att[:, -1] = 1.0
        return self.fc(h[:, -1]), att


class MeanHead(nn.Module):
    """Frame-average baseline: no temporal model, order of frames is invisible to it."""

    def __init__(self, classes, features=FEATURES):
        super().__init__()
        self.fc = nn.Linear(features, classes)

    def forward(self, feats):
        att = torch.full_like(feats[..., 0], 1.0 / feats.shape[1])
        return self.fc(feats.mean(1)), att


class ActionModel(nn.Module):
    """frames[B,T,3,H,W] -> (logits[B,K], attention[B,T]) = head(encoder(each frame))."""

    def __init__(self, encoder, head):
        super().__init__()
        self.encoder, self.head = encoder, head

    def forward(self, frames):
        b, t = frames.shape[0], frames.shape[1]
        feats = self.encoder(frames.flatten(0, 1))
        return self.head(feats.reshape(b, t, -1))


class PixelLSTM(nn.Module):
    """Pure LSTM baseline on raw frames: grey, area-downsampled to 16x16, flattened (256 inputs)."""

    def __init__(self, classes, hidden=128, side=16):
        super().__init__()
        self.side = side
        self.lstm = make_lstm(side * side, hidden)
        self.fc = nn.Linear(hidden, classes)

    def forward(self, frames):
        b, t = frames.shape[:2]
        g = frames.mean(2, keepdim=True).flatten(0, 1)                 # [BT,1,H,W]
        g = F.adaptive_avg_pool2d(g, self.side).reshape(b, t, -1)
        h, _ = self.lstm(g)
        att = torch.zeros_like(h[..., 0])
        att[:, -1] = 1.0
        return self.fc(h[:, -1]), att


ARCHS = ["cnn_lstm_attention", "cnn_lstm", "cnn_mean", "pixel_lstm"]


def build(arch, classes, **head_kw):
    """head_kw (attention only): temperature, skip; stored in checkpoints as arch_kwargs."""
    if arch == "cnn_lstm_attention":
        return ActionModel(FrameEncoder(), AttentionHead(classes, **head_kw))
    if arch == "cnn_lstm":
        return ActionModel(FrameEncoder(), LastStepHead(classes))
    if arch == "cnn_mean":
        return ActionModel(FrameEncoder(), MeanHead(classes))
    if arch == "pixel_lstm":
        return PixelLSTM(classes)
    raise ValueError(f"unknown arch {arch}; one of {ARCHS}")
