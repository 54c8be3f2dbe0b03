using EdgeStream.Video.Preprocessing;
using OpenCvSharp;

namespace EdgeStream.Video.Tests.Preprocessing;

public class OpenCvRuntimeTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(4, 1)]
    [InlineData(8, 4)]
    [InlineData(16, 8)]
    public void DefaultThreads_Cores_OneOnSmallBoxesHalfOnBigOnes(int cores, int expected)
    {
        Assert.Equal(expected, OpenCvRuntime.DefaultThreads(cores));
    }

    [Fact]
    public void ConfigureOnce_SecondCall_IsIgnored()
    {
        OpenCvRuntime.ConfigureOnce(1); // may already have been set by a factory in this test run

        Assert.False(OpenCvRuntime.ConfigureOnce(3));
        Assert.NotEqual(3, Cv2.GetNumThreads());
    }
}
