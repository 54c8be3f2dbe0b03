"""CNN-LSTM-Attention next-step forecaster for multichannel sensor windows.

window[B,W,C] -> forecast[B,C] (next sample, normalised units), attention[B,W].

Conv1d(k=3) x2 over time (channels = sensor channels) -> LSTM -> additive attention
(Linear-Tanh-Linear, softmax over time, as in the seed guide) -> Linear -> delta;
forecast = last input sample + delta (a residual/persistence skip, inside the graph).

`quant=True` inserts eager fake-quant modules (torch.ao.quantization.FakeQuantize with
MovingAverage(PerChannel)MinMaxObserver) around Conv/Linear/MatMul so the TorchScript
ONNX exporter emits QuantizeLinear/DequantizeLinear pairs. The LSTM stays float.

Weights are quantised to 7 bits ([-64, 63], WEIGHT_QMIN/WEIGHT_QMAX): with full-range int8
weights ONNX Runtime's u8s8 integer kernels on AVX2-without-VNNI CPUs saturate their 16-bit
intermediate sums and drift from the fake-quant model (docs/inference.md, "Precisions on the
CPU provider"). Activations stay full-range uint8.
"""
from __future__ import annotations

import contextlib

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.ao.quantization import FakeQuantize, MovingAverageMinMaxObserver, \
    MovingAveragePerChannelMinMaxObserver


def act_fq() -> nn.Module:
    return FakeQuantize(observer=MovingAverageMinMaxObserver, quant_min=0, quant_max=255,
                        dtype=torch.quint8, qscheme=torch.per_tensor_affine, reduce_range=False)


WEIGHT_QMIN, WEIGHT_QMAX = -64, 63


def weight_fq(axis: int = 0) -> nn.Module:
    return FakeQuantize(observer=MovingAveragePerChannelMinMaxObserver, quant_min=WEIGHT_QMIN,
                        quant_max=WEIGHT_QMAX, dtype=torch.qint8, qscheme=torch.per_channel_symmetric,
                        ch_axis=axis, reduce_range=False)


@contextlib.contextmanager
def onnx_exportable_weight_range(model: nn.Module):
    """The TorchScript ONNX exporter only accepts (quant_min, quant_max) of (-128, 127), (0, 255)
    or (0, 127). While exporting, widen the (frozen) 7-bit weight fake-quants' clamp range to
    (-128, 127); their scales stay the 7-bit ones. The exported weight QuantizeLinear nodes are
    then folded into int8 initializers clipped to [WEIGHT_QMIN, WEIGHT_QMAX]
    (sensor_train.fold_weight_quantizers), which is exactly the 7-bit fake-quant."""
    fqs = [m for m in model.modules() if isinstance(m, FakeQuantize) and m.dtype == torch.qint8]
    for m in fqs:
        assert not m.observer_enabled[0], "calibrate (and freeze) before export"
        m.activation_post_process.quant_min, m.activation_post_process.quant_max = -128, 127
    try:
        yield len(fqs)
    finally:
        for m in fqs:
            m.activation_post_process.quant_min = WEIGHT_QMIN
            m.activation_post_process.quant_max = WEIGHT_QMAX


class _Ident(nn.Module):
    def forward(self, x):
        return x


class SensorForecaster(nn.Module):
    def __init__(self, channels: int, conv: int = 32, hidden: int = 64, att: int = 64,
                 quant: bool = False):
        super().__init__()
        self.channels, self.conv_ch, self.hidden, self.att = channels, conv, hidden, att
        self.quant = quant
        self.conv1 = nn.Conv1d(channels, conv, 3, padding=1)
        self.conv2 = nn.Conv1d(conv, conv, 3, padding=1)
        self.lstm = nn.LSTM(conv, hidden, batch_first=True)
        self.att1 = nn.Linear(hidden, att)
        self.att2 = nn.Linear(att, 1)
        self.fc = nn.Linear(hidden, channels)
        q = (lambda: act_fq()) if quant else (lambda: _Ident())
        w = (lambda: weight_fq()) if quant else (lambda: _Ident())
        self.q_in, self.q_c1, self.q_lstm, self.q_a1, self.q_w, self.q_o, self.q_ctx = \
            q(), q(), q(), q(), q(), q(), q()
        self.w_c1, self.w_c2, self.w_a1, self.w_a2, self.w_fc = w(), w(), w(), w(), w()

    def forward(self, window: torch.Tensor):
        # window: [B, W, C]
        last = window[:, -1, :]
        x = self.q_in(window).transpose(1, 2)                              # [B, C, W]
        x = F.relu(F.conv1d(x, self.w_c1(self.conv1.weight), self.conv1.bias, padding=1))
        x = self.q_c1(x)
        x = F.relu(F.conv1d(x, self.w_c2(self.conv2.weight), self.conv2.bias, padding=1))
        x = x.transpose(1, 2)                                              # [B, W, F]
        o, _ = self.lstm(x)                                                # [B, W, H]
        oq = self.q_lstm(o)
        e = torch.tanh(F.linear(oq, self.w_a1(self.att1.weight), self.att1.bias))
        e = F.linear(self.q_a1(e), self.w_a2(self.att2.weight), self.att2.bias)  # [B, W, 1]
        attention = torch.softmax(e.squeeze(-1), dim=1)                    # [B, W]
        ctx = torch.bmm(self.q_w(attention).unsqueeze(1), self.q_o(o)).squeeze(1)  # [B, H]
        delta = F.linear(self.q_ctx(ctx), self.w_fc(self.fc.weight), self.fc.bias)
        return last + delta, attention


def to_quant(model: SensorForecaster) -> SensorForecaster:
    qm = SensorForecaster(model.channels, model.conv_ch, model.hidden, model.att, quant=True)
    missing, unexpected = qm.load_state_dict(model.state_dict(), strict=False)
    assert not unexpected, unexpected
    return qm


def calibrate(qm: SensorForecaster, batches) -> SensorForecaster:
    """Run observers over calibration batches, then freeze (observers off, fake-quant on)."""
    qm.eval()
    qm.apply(torch.ao.quantization.enable_observer)
    qm.apply(torch.ao.quantization.enable_fake_quant)
    with torch.no_grad():
        for b in batches:
            qm(b)
    qm.apply(torch.ao.quantization.disable_observer)
    return qm
