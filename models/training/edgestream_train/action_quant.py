"""int8 for the action model: eager-mode fake quantisation that exports as QDQ (opset 17).

Why not the default QAT qconfig: its fused observer (fused_moving_avg_obs_fake_quant) has no ONNX
symbolic in torch 1.13. FakeQuantize + MovingAverage(PerChannel)MinMaxObserver does, and exports as
QuantizeLinear/DequantizeLinear pairs around Conv/Gemm/MatMul that ONNX Runtime fuses into int8
kernels. Conv/Linear weights: symmetric int8 per output channel; activations: uint8 per tensor.
The LSTM and the softmax stay float: ONNX Runtime has no static-int8 LSTM kernel (the
DynamicQuantizeLSTM contrib op is dynamic quantisation, not QDQ), 8-bit recurrent state drifts over
16 steps, and attention weights near 0/1 lose too much at 8 bits; both cost little (one 128-wide LSTM).
"""
import copy

import torch
import torch.ao.quantization as tq

ACT = tq.FakeQuantize.with_args(observer=tq.MovingAverageMinMaxObserver, quant_min=0, quant_max=255,
                                dtype=torch.quint8, qscheme=torch.per_tensor_affine, reduce_range=False)
WEIGHT = tq.FakeQuantize.with_args(observer=tq.MovingAveragePerChannelMinMaxObserver, quant_min=-128,
                                   quant_max=127, dtype=torch.qint8, qscheme=torch.per_channel_symmetric,
                                   reduce_range=False, ch_axis=0)
QCONFIG = tq.QConfig(activation=ACT, weight=WEIGHT)


def prepare_int8(model):
    """Copy of an ActionModel(FrameEncoder, AttentionHead) with BN folded into conv (eval-mode fuse)
    and fake-quant modules inserted; the LSTM gets no qconfig so it stays float."""
    m = copy.deepcopy(model).eval()
    tq.fuse_modules(m.encoder, m.encoder.fuse_names(), inplace=True)
    m.qconfig = QCONFIG
    m.head.lstm.qconfig = None
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
