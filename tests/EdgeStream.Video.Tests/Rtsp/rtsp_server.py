#!/usr/bin/python3
"""A real RTSP server for the tests: serves an mp4's H.264 track, looped forever.

Usage: /usr/bin/python3 rtsp_server.py FILE.mp4 PORT [MOUNT]   (default mount: /test)
Needs Debian's gir1.2-gst-rtsp-server-1.0, python3-gi, gstreamer1.0-plugins-good/-bad.
Facts this relies on (checked on Debian 12 GStreamer 1.22; docs/video.md has the RTSP notes): the loop is a SEGMENT seek sent to the demuxer itself (a seek on
the whole pipeline is ignored), and media is not shared (a joining client would restart a shared one).
"""
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

SEGMENT_SEEK = Gst.SeekFlags.SEGMENT


class LoopingFactory(GstRtspServer.RTSPMediaFactory):
    def __init__(self, path):
        super().__init__()
        self.set_launch(f'( filesrc location="{path}" ! qtdemux name=demux demux.video_0 ! queue '
                        '! h264parse config-interval=-1 ! rtph264pay name=pay0 pt=96 )')
        self.set_shared(False)
        self.connect("media-configure", self.on_configure)

    def on_configure(self, _factory, media):
        demux = media.get_element().get_by_name("demux")
        demux.connect("pad-added", lambda _d, pad: pad.add_probe(Gst.PadProbeType.EVENT_DOWNSTREAM, self.on_event, demux))
        media.connect("prepared", lambda _m: demux.seek_simple(Gst.Format.TIME, Gst.SeekFlags.FLUSH | SEGMENT_SEEK, 0))

    @staticmethod
    def on_event(_pad, info, demux):
        if info.get_event().type == Gst.EventType.SEGMENT_DONE:
            # Not from the streaming thread: seek from the main loop, non-flushing, so playback continues seamlessly.
            GLib.idle_add(lambda: demux.seek_simple(Gst.Format.TIME, SEGMENT_SEEK, 0) and False)
        return Gst.PadProbeReturn.OK


def main():
    path, port = sys.argv[1], sys.argv[2]
    mount = sys.argv[3] if len(sys.argv) > 3 else "/test"
    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(port)
    server.get_mount_points().add_factory(mount, LoopingFactory(path))
    if server.attach(None) == 0:
        sys.exit(f"cannot listen on 127.0.0.1:{port}")
    print(f"serving rtsp://127.0.0.1:{port}{mount}", flush=True)
    GLib.MainLoop().run()


if __name__ == "__main__":
    main()
