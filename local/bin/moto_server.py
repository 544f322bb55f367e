"""moto's server (as its moto_server command runs it), with one thing changed: DynamoDB requests run one at a time,
and so do S3's conditional PUTs (If-None-Match / If-Match).

moto is made for single-threaded unit tests. Its server is threaded, but its DynamoDB neither locks a condition check
together with its write nor isolates transactions: a TransactWriteItems that fails puts back a copy of every table it
touched as it was when it started, undoing whatever other requests wrote meanwhile. Under concurrent workers two claims
of one task both succeed and job counters lose updates (the store tests against moto showed both). DynamoDB and
DynamoDB Local serialize per item; one request at a time is the simplest equivalent. S3's If-None-Match check and
write are separate steps too, so two racing creators could both succeed.

Usage: python moto_server.py PORT   (serves on 127.0.0.1)
"""
import os
import signal
import sys
import threading

from werkzeug.serving import run_simple

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app


class OneAtATime:
    """WSGI middleware: requests that need atomicity moto lacks hold a lock while moto answers them."""

    def __init__(self, app):
        self.app = app
        self.dynamodb = threading.Lock()
        self.s3_conditional_puts = threading.Lock()

    def __call__(self, environ, start_response):
        lock = self._lock_for(environ)
        if lock is None:
            return self.app(environ, start_response)
        with lock:
            # The whole answer is produced inside the lock (a WSGI app may compute it lazily).
            return list(self.app(environ, start_response))

    def _lock_for(self, environ):
        if environ.get("HTTP_X_AMZ_TARGET", "").startswith("DynamoDB_"):
            return self.dynamodb
        if environ.get("REQUEST_METHOD") == "PUT" and ("HTTP_IF_NONE_MATCH" in environ or "HTTP_IF_MATCH" in environ):
            return self.s3_conditional_puts
        return None


def main():
    port = int(sys.argv[1])
    os.environ.setdefault("MOTO_PORT", str(port))
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    app = DomainDispatcherApplication(create_backend_app)
    run_simple("127.0.0.1", port, OneAtATime(app), threaded=True, request_handler=MotoRequestHandler)


if __name__ == "__main__":
    main()
