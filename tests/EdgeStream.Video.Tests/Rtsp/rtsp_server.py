#!/usr/bin/python3
"""A real RTSP server for the tests: serves an mp4's H.264 track once, from the start, to every client.

Usage: /usr/bin/python3 rtsp_server.py FILE.mp4 PORT [MOUNT]   (default mount: /test)
Needs Debian's gir1.2-gst-rtsp-server-1.0, python3-gi, gstreamer1.0-plugins-good/-bad.
No looping: the tests give it a clip longer than any test (3 minutes). An earlier version looped with a flushing
SEGMENT seek when the media was prepared; on GStreamer 1.22 that seek raced a client's PLAY and the server aborted
(gst_rtsp_media_get_rates: assertion failed), within 25 rounds of three clients that connect and drop.
Media is not shared, so every client gets its own pipeline from the start of the clip.
"""
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402


def main():
    path, port = sys.argv[1], sys.argv[2]
    mount = sys.argv[3] if len(sys.argv) > 3 else "/test"
    Gst.init(None)
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(f'( filesrc location="{path}" ! qtdemux name=demux demux.video_0 ! queue '
                       '! h264parse config-interval=-1 ! rtph264pay name=pay0 pt=96 )')
    factory.set_shared(False)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(port)
    server.get_mount_points().add_factory(mount, factory)
    if server.attach(None) == 0:
        sys.exit(f"cannot listen on 127.0.0.1:{port}")
    print(f"serving rtsp://127.0.0.1:{port}{mount}", flush=True)
    GLib.MainLoop().run()


if __name__ == "__main__":
    main()
