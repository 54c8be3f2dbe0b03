using System.Diagnostics.CodeAnalysis;
using EdgeStream.Core.Preprocessing;
using OpenCvSharp;
using OpenCvSharp.Internal;

namespace EdgeStream.Video.Preprocessing;

/// <summary>
/// Turns a decoded 8-bit frame (BGR as OpenCV delivers it; gray and BGRA are accepted too) into the model's
/// CHW float layout, written straight into the caller's buffer. The resize target and the OpenCV array
/// wrappers are created once and reused, and normalisation is Core's <see cref="PixelLookupTable"/>, so a
/// steady stream of same-sized frames allocates nothing. Not thread-safe: one instance per stream.
/// </summary>
/// <remarks>
/// <c>letterbox</c> resizes into the content rectangle of <see cref="LetterboxGeometry"/> inside a canvas of zero
/// pixels; canvas and rectangle are made again only when the frame's size or pixel type changes. A frame that
/// already has the model's aspect fills the canvas and takes the <c>stretch</c> path, so both give the same floats.
/// </remarks>
public sealed class FramePreprocessor : IDisposable
{
    // Resize the way the training side does (cv2.resize(..., interpolation=cv2.INTER_AREA) in
    // models/training/edgestream_train/action_data.py), so pixels match what the model was trained on.
    internal const InterpolationFlags Interpolation = InterpolationFlags.Area;

    private readonly PixelLookupTable _lut;
    private readonly bool _rgb;
    private readonly Size _size;
    private readonly Mat _resized = new();
    private readonly IntPtr _resizedOut;
    private readonly bool _letterbox;
    private LetterboxGeometry? _box;
    private MatType _canvasType;
    private Mat? _canvas;
    private Mat? _content;
    private IntPtr _contentOut;
    private bool _disposed;
    private Mat? _lastSource;
    private IntPtr _lastSourceIn;

    public FramePreprocessor(PreprocessSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        Spec = spec;
        _rgb = spec.ColorOrder == PreprocessSpec.Rgb;
        _size = new Size(spec.Width, spec.Height);
        _letterbox = spec.Resize == PreprocessSpec.Letterbox;
        // Native cv::_OutputArray over the reused target. OpenCvSharp's OutputArray disposes itself after one
        // call (and Cv2.Resize allocates wrappers per call), so the wrappers are made here once and kept.
        NativeMethods.HandleException(NativeMethods.core_OutputArray_new_byMat(_resized.CvPtr, out _resizedOut));
        _lut = new PixelLookupTable(spec.Scale, spec.Mean, spec.Std);
    }

    public PreprocessSpec Spec { get; }

    /// <summary>Floats written per frame (3 * H * W).</summary>
    public int Length => Spec.Length;

    /// <summary>
    /// Preprocesses <paramref name="frame"/> into the first <see cref="Length"/> floats of
    /// <paramref name="destination"/>. Returns false with a reason for a frame that cannot be used
    /// (empty, not 8-bit, odd channel count); the caller rejects it.
    /// </summary>
    public bool TryProcess(Mat frame, Span<float> destination, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (destination.Length < Length)
        {
            throw new ArgumentException($"Destination holds {destination.Length} floats, {Length} needed.", nameof(destination));
        }

        if (frame.Empty())
        {
            problem = "empty frame";
            return false;
        }

        var type = frame.Type();
        if (type.Depth != MatType.CV_8U || type.Channels is not (1 or 3 or 4) || frame.Dims != 2)
        {
            problem = $"unsupported frame type {type} ({frame.Dims}D)";
            return false;
        }

        var source = frame;
        if (frame.Width != _size.Width || frame.Height != _size.Height)
        {
            var (output, size, result) = _letterbox ? LetterboxTarget(frame.Width, frame.Height, type) : (_resizedOut, _size, _resized);
            NativeMethods.HandleException(NativeMethods.imgproc_resize(InputOf(frame), output, size, 0, 0, (int)Interpolation));
            GC.KeepAlive(frame);
            source = result;
        }

        Normalise(source, type.Channels, destination);
        problem = null;
        return true;
    }

    public void Dispose()
    {
        // The native output array may be deleted once only: a second delete is a double free that kills the process
        // (found by the source contract, which disposes a source twice as IAsyncDisposable allows).
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        ReleaseSourceInput();
        ReleaseCanvas();
        NativeMethods.HandleException(NativeMethods.core_OutputArray_delete(_resizedOut));
        _resized.Dispose();
    }

    // Where a letterboxed frame is resized to: the canvas's content rectangle, or the stretch target when the frame
    // has the model's aspect. Made again only when the frame's size or type changes.
    private (IntPtr Output, Size Size, Mat Result) LetterboxTarget(int width, int height, MatType type)
    {
        if (_box is not { } box || box.SourceWidth != width || box.SourceHeight != height || (!box.FillsTarget && _canvasType != type))
        {
            box = LetterboxGeometry.For(width, height, _size.Width, _size.Height);
            _box = box;
            if (!box.FillsTarget)
            {
                BuildCanvas(box, type);
            }
        }

        return box.FillsTarget
            ? (_resizedOut, _size, _resized)
            : (_contentOut, new Size(box.ContentWidth, box.ContentHeight), _canvas!);
    }

    private void BuildCanvas(LetterboxGeometry box, MatType type)
    {
        // A fresh zero canvas each time: the bars must be zero wherever an earlier content rectangle was.
        ReleaseCanvas();
        _canvas = new Mat(_size.Height, _size.Width, type, Scalar.All(0));
        _canvasType = type;
        // A view of the canvas's memory: cv::resize into a view of its own size and type writes in place.
        _content = new Mat(_canvas, new Rect(box.X0, box.Y0, box.ContentWidth, box.ContentHeight));
        NativeMethods.HandleException(NativeMethods.core_OutputArray_new_byMat(_content.CvPtr, out _contentOut));
    }

    private void ReleaseCanvas()
    {
        if (_contentOut != IntPtr.Zero)
        {
            NativeMethods.HandleException(NativeMethods.core_OutputArray_delete(_contentOut));
            _contentOut = IntPtr.Zero;
        }

        _content?.Dispose();
        _content = null;
        _canvas?.Dispose();
        _canvas = null;
    }

    // A capture loop passes the same Mat (same native cv::Mat) every frame, so its cv::_InputArray is made once.
    private IntPtr InputOf(Mat frame)
    {
        if (!ReferenceEquals(frame, _lastSource) || _lastSourceIn == IntPtr.Zero)
        {
            ReleaseSourceInput();
            NativeMethods.HandleException(NativeMethods.core_InputArray_new_byMat(frame.CvPtr, out _lastSourceIn));
            _lastSource = frame;
        }

        return _lastSourceIn;
    }

    private void ReleaseSourceInput()
    {
        if (_lastSourceIn != IntPtr.Zero)
        {
            NativeMethods.HandleException(NativeMethods.core_InputArray_delete(_lastSourceIn));
            _lastSourceIn = IntPtr.Zero;
        }
    }

    private unsafe void Normalise(Mat image, int channels, Span<float> destination)
    {
        int width = _size.Width, height = _size.Height, plane = width * height;
        var step = image.Step();
        var data = image.DataPointer;

        // Byte offset inside a pixel for output planes 0..2 (BGR storage; gray repeats its one byte).
        int first = channels == 1 ? 0 : (_rgb ? 2 : 0), second = channels == 1 ? 0 : 1, third = channels == 1 ? 0 : (_rgb ? 0 : 2);
        fixed (float* dst = destination)
        fixed (float* lut = _lut.Values)
        {
            float* lut0 = lut, lut1 = lut + 256, lut2 = lut + 512;
            for (var y = 0; y < height; y++)
            {
                var row = data + (y * step);
                float* d0 = dst + (y * width), d1 = d0 + plane, d2 = d1 + plane;
                for (var x = 0; x < width; x++)
                {
                    var px = row + (x * channels);
                    d0[x] = lut0[px[first]];
                    d1[x] = lut1[px[second]];
                    d2[x] = lut2[px[third]];
                }
            }
        }
    }
}
