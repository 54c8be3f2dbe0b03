using EdgeStream.Core.Sources;
using Xunit;

namespace EdgeStream.TestSupport.Contracts;

/// <summary>
/// What every <see cref="IStepWriter"/> promises, run by the pipeline's writer and each test double: buffers of
/// exactly <see cref="IStepWriter.StepLength"/> floats, a buffer of the wrong size refused, the ownership rule
/// enforced (a buffer not rented here, or handed on twice, is refused with <see cref="InvalidOperationException"/>),
/// and health reports and rejects accepted at any time.
/// </summary>
public abstract class StepWriterContract
{
    /// <summary>Steps of this many floats.</summary>
    protected const int Length = 6;

    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A fresh writer of <see cref="Length"/>-float steps.</summary>
    protected abstract IStepWriter Create();

    [Fact]
    public void Rent_GivesDistinctBuffersOfTheStepLength()
    {
        var writer = Create();

        var a = writer.Rent();
        var b = writer.Rent();

        Assert.Equal(Length, writer.StepLength);
        Assert.Equal(Length, a.Length);
        Assert.Equal(Length, b.Length);
        Assert.NotSame(a, b);
    }

    [Fact]
    public void WriteAndGiveBack_OfRentedBuffers_AreAccepted()
    {
        var writer = Create();

        writer.Write(0, T0, T0, writer.Rent());
        writer.GiveBack(writer.Rent());
        writer.Write(1, T0.AddSeconds(1), T0.AddSeconds(1), writer.Rent());
    }

    [Fact]
    public void Write_OfABufferOfTheWrongSize_IsRefused()
    {
        var writer = Create();

        Assert.Throws<ArgumentNullException>(() => writer.Write(0, T0, T0, null!));
        Assert.Throws<ArgumentException>(() => writer.Write(0, T0, T0, new float[Length + 1]));
        Assert.Throws<ArgumentException>(() => writer.GiveBack(new float[Length - 1]));
    }

    [Fact]
    public void Write_OfABufferNotRentedHere_BreaksTheOwnershipRule()
    {
        var writer = Create();

        Assert.Throws<InvalidOperationException>(() => writer.Write(0, T0, T0, new float[Length]));
        Assert.Throws<InvalidOperationException>(() => writer.GiveBack(new float[Length]));
    }

    [Fact]
    public void HandingOnABufferTwice_BreaksTheOwnershipRule()
    {
        var writer = Create();
        var written = writer.Rent();
        var givenBack = writer.Rent();
        writer.Write(0, T0, T0, written);
        writer.GiveBack(givenBack);

        Assert.Throws<InvalidOperationException>(() => writer.Write(1, T0.AddSeconds(1), T0.AddSeconds(1), written));
        Assert.Throws<InvalidOperationException>(() => writer.GiveBack(givenBack));
    }

    [Fact]
    public void HealthReportsAndRejects_AreAcceptedAtAnyTime()
    {
        var writer = Create();

        writer.Reject("malformed sample");
        foreach (var health in Enum.GetValues<StreamHealth>())
        {
            writer.ReportHealth(health);
            writer.ReportHealth(health, "a reason");
        }

        writer.Write(0, T0, T0, writer.Rent());
    }
}
