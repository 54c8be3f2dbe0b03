"""int8 for the action model: eager-mode fake quantisation that exports as QDQ (opset 17).

Why not the default QAT qconfig: its fused observer (fused_moving_avg_obs_fake_quant) has no ONNX
symbolic in torch 1.13. FakeQuantize + MovingAverage(PerChannel)MinMaxObserver does, and exports as
QuantizeLinear/DequantizeLinear pairs around Conv/Gemm/MatMul that ONNX Runtime fuses into int8
kernels. Conv/Linear weights: symmetric 7-bit per output channel ([-64, 63] stored as int8, see
WEIGHT_RANGE); activations: uint8 per tensor.
The LSTM, the attention energy (att1, tanh, att2) and the softmax stay float: ONNX Runtime has no static-int8 LSTM kernel (the
DynamicQuantizeLSTM contrib op is dynamic quantisation, not QDQ), 8-bit recurrent state drifts over
16 steps, and attention weights near 0/1 lose too much at 8 bits; both cost little (one 128-wide LSTM).
"""
import contextlib
import copy

import torch
import torch.ao.quantization as tq

ACT = tq.FakeQuantize.with_args(observer=tq.MovingAverageMinMaxObserver, quant_min=0, quant_max=255,
                                dtype=torch.quint8, qscheme=torch.per_tensor_affine, reduce_range=False)
# 7-bit weights: on AVX2 CPUs without VNNI, ONNX Runtime's u8s8 integer kernels add pairs of
# uint8 x int8 products in 16 bits (vpmaddubsw), which saturates with full-range weights
# (255 * 127 * 2 > 32767) and made the int8 logits differ from fake quant by up to 1.37. With
# |w| <= 64 the pair sum is at most 255 * 64 * 2 = 32640, so every CPU path is exact (docs/inference.md,
# "Precisions on the CPU provider"). Scales come from this range (max |w| / 63.5).
WEIGHT_RANGE = (-64, 63)
WEIGHT = tq.FakeQuantize.with_args(observer=tq.MovingAveragePerChannelMinMaxObserver, quant_min=WEIGHT_RANGE[0],
                                   quant_max=WEIGHT_RANGE[1], dtype=torch.qint8, qscheme=torch.per_channel_symmetric,
                                   reduce_range=False, ch_axis=0)
QCONFIG = tq.QConfig(activation=ACT, weight=WEIGHT)


def prepare_int8(model):
    """Copy of an ActionModel(FrameEncoder, AttentionHead) with BN folded into conv (eval-mode fuse)
    and fake-quant modules inserted; the LSTM gets no qconfig so it stays float."""
    m = copy.deepcopy(model).eval()
    tq.fuse_modules(m.encoder, m.encoder.fuse_names(), inplace=True)
    m.qconfig = QCONFIG
    m.head.lstm.qconfig = None
    # The attention energy path (LSTM output -> att1 -> tanh -> att2 -> softmax) stays float too: with
    # 8-bit energies (and their inputs) one rounding step, scaled by 1/temperature, moved the attention
    # weights by up to 0.047 between ONNX Runtime's integer kernels and fake quant (measured, 7-bit
    # weights). Two small Linears per window; the classifier (q_ctx -> fc) stays int8.
    for name in ("q_lstm", "att1", "q_tanh", "att2"):
        getattr(m.head, name).qconfig = None
    tq.prepare_qat(m.train(), inplace=True)
    m.eval()
    return m


def calibrate(qmodel, batches):
    """Observe activation ranges on training clips (normalised [N,T,3,H,W] tensors), then freeze."""
    qmodel.apply(tq.disable_fake_quant)
    qmodel.apply(tq.enable_observer)
    with torch.no_grad():
        for x in batches:
            qmodel(x)
    qmodel.apply(tq.disable_observer)  # frozen: scales no longer move
    qmodel.apply(tq.enable_fake_quant)
    return qmodel


def _weight_fake_quants(qmodel):
    return [m for m in qmodel.modules() if isinstance(m, tq.FakeQuantize)
            and m.activation_post_process.qscheme == torch.per_channel_symmetric]


@contextlib.contextmanager
def onnx_weight_range(qmodel):
    """For torch.onnx.export only: the exporter accepts (quant_min, quant_max) of (-128, 127) and
    (0, 255) only, so the weight fake quants are widened to (-128, 127) while it traces. Scales and
    zero points are frozen and unchanged; the only values this could change are those that round to
    +64, and `action_export.compact_qdq(..., weight_range=WEIGHT_RANGE)` clips the stored int8
    weights back to [-64, 63], so the file holds exactly the integers fake quant uses."""
    fqs = _weight_fake_quants(qmodel)
    saved = [(f.activation_post_process.quant_min, f.activation_post_process.quant_max) for f in fqs]
    for f in fqs:
        assert not f.observer_enabled[0], "calibrate() first: weight scales must be frozen"
        f.activation_post_process.quant_min, f.activation_post_process.quant_max = -128, 127
    try:
        yield qmodel
    finally:
        for f, (lo, hi) in zip(fqs, saved):
            f.activation_post_process.quant_min, f.activation_post_process.quant_max = lo, hi
