namespace EdgeStream.Sensors.Payloads;

/// <summary>How MQTT sensor payloads are read.</summary>
public enum SensorPayloadFormat
{
    /// <summary>JSON when the payload starts with <c>{</c> or <c>[</c>, CSV otherwise.</summary>
    Auto,

    /// <summary><c>{"ts": ..., "values": [...]}</c>, <c>{"timestamp": ..., "&lt;channel&gt;": value, ...}</c>, or an array of those.</summary>
    Json,

    /// <summary><c>ts,v1,v2,...</c> or <c>v1,v2,...</c> (stamped on receipt); one sample per line.</summary>
    Csv,
}
