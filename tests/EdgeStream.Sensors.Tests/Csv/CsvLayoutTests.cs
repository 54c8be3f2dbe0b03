using EdgeStream.Sensors.Csv;

namespace EdgeStream.Sensors.Tests.Csv;

public class CsvLayoutTests
{
    private const string SkabHeader =
        "datetime;Accelerometer1RMS;Accelerometer2RMS;Current;Pressure;Temperature;Thermocouple;Voltage;Volume Flow RateRMS;anomaly;changepoint";

    [Fact]
    public void FromHeader_OurFormat_CommaAndAllChannels()
    {
        var layout = CsvLayout.FromHeader("timestamp,temp,flow");
        Assert.Equal(',', layout.Delimiter);
        Assert.Equal(0, layout.TimestampColumn);
        Assert.Equal(["temp", "flow"], layout.ChannelNames);
    }

    [Fact]
    public void FromHeader_Skab_SemicolonAndLabelColumnsLeftOut()
    {
        var layout = CsvLayout.FromHeader(SkabHeader);
        Assert.Equal(';', layout.Delimiter);
        Assert.Equal(8, layout.ChannelNames.Count);
        Assert.DoesNotContain("anomaly", layout.ChannelNames);
        Assert.DoesNotContain("changepoint", layout.ChannelNames);
        Assert.Equal("Volume Flow RateRMS", layout.ChannelNames[^1]);
    }

    [Fact]
    public void FromHeader_ModelChannelNames_MatchIgnoringCaseAndSpaces()
    {
        var layout = CsvLayout.FromHeader(SkabHeader, ["VolumeFlowRateRMS", "current"]);
        Assert.Equal(["Volume Flow RateRMS", "Current"], layout.ChannelNames);
    }

    [Fact]
    public void FromHeader_LabelAskedForByName_Kept()
    {
        var layout = CsvLayout.FromHeader(SkabHeader, ["anomaly"]);
        Assert.Equal(["anomaly"], layout.ChannelNames);
    }

    [Fact]
    public void FromHeader_TimestampNotFirst_Found()
    {
        var layout = CsvLayout.FromHeader("value,\"timestamp\"");
        Assert.Equal(1, layout.TimestampColumn);
        Assert.Equal(["value"], layout.ChannelNames);
    }

    [Fact]
    public void FromHeader_NamedTimestampColumn_Used()
    {
        var layout = CsvLayout.FromHeader("when,a,b", timestampColumn: "when");
        Assert.Equal(0, layout.TimestampColumn);
        Assert.Equal(["a", "b"], layout.ChannelNames);
    }

    [Fact]
    public void FromHeader_UnknownChannel_ThrowsNamingItAndTheColumns()
    {
        var ex = Assert.Throws<SensorSourceException>(() => CsvLayout.FromHeader("timestamp,value", ["pressure"]));
        Assert.Equal("Channel 'pressure' is not a column of the file (columns: timestamp, value).", ex.Message);
    }

    [Fact]
    public void FromHeader_DataInsteadOfHeader_Throws()
    {
        var ex = Assert.Throws<SensorSourceException>(() => CsvLayout.FromHeader("2014-04-01 00:00:00,20.0"));
        Assert.StartsWith("The first line must be a header", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromHeader_OnlyTimestampAndLabels_ThrowsNoChannels()
    {
        var ex = Assert.Throws<SensorSourceException>(() => CsvLayout.FromHeader("timestamp,anomaly"));
        Assert.Equal("The header has no channel columns besides the timestamp (columns: timestamp, anomaly).", ex.Message);
    }
}
