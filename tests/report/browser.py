"""A headless Chromium driven over the DevTools protocol through a pipe (--remote-debugging-pipe:
the standard library is enough, no WebDriver), with the network off.

    with Browser(tmp_folder) as browser:
        page = browser.open(Path("report.html"), ready="document.body.dataset.rendered")
        page.dom, page.console, page.errors, page.screenshot   # PNG bytes

One browser serves every page (its start is the slow part). Every console call of a page
(Runtime.consoleAPICalled: log, warning, error, ...), every uncaught exception
(Runtime.exceptionThrown) and every browser log entry of level error (Log.entryAdded: a failed
load, a blocked request) is recorded. The network is cut by a network namespace of its own
(unshare -n: root, or user namespaces) where allowed; otherwise by a proxy that goes nowhere and a
resolver that resolves nothing, so that nothing can be fetched either way.
"""

import base64
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = "/usr/lib/chromium/chromium"  # Debian's binary (/usr/bin/chromium is a shell wrapper)


def isolation():
    """The command prefix that cuts the network, and its name."""
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True)
    return (["unshare", "-n"], "unshare -n") if probe.returncode == 0 else ([], "proxy")


@dataclass
class Page:
    dom: str = ""
    console: list = field(default_factory=list)   # (type, text)
    errors: list = field(default_factory=list)    # uncaught exceptions and error log entries
    screenshot: bytes = b""
    seconds: float = 0.0
    interaction: object = None


class Tab:
    """What a test does in an open page: evaluate JavaScript (a Promise is awaited), and the
    mouse as a user moves it (Input.dispatchMouseEvent: real events, real handlers)."""

    def __init__(self, browser, session):
        self._browser, self._session = browser, session

    def evaluate(self, expression, timeout=30):
        result = self._browser._call("Runtime.evaluate", {
            "expression": expression, "returnByValue": True, "awaitPromise": True},
            self._session, timeout)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def mouse(self, kind, x, y, button="none"):
        """kind: mouseMoved, mousePressed, mouseReleased; x, y in CSS pixels of the viewport."""
        params = {"type": kind, "x": x, "y": y, "button": button}
        if kind != "mouseMoved":
            params["clickCount"] = 1
        if button == "left" and kind == "mouseMoved":
            params["buttons"] = 1
        self._browser._call("Input.dispatchMouseEvent", params, self._session)

    def click(self, x, y):
        self.mouse("mouseMoved", x, y)
        self.mouse("mousePressed", x, y, "left")
        self.mouse("mouseReleased", x, y, "left")

    def drag(self, x0, y0, x1, y1, steps=8):
        self.mouse("mouseMoved", x0, y0)
        self.mouse("mousePressed", x0, y0, "left")
        for k in range(1, steps + 1):
            self.mouse("mouseMoved", x0 + (x1 - x0) * k / steps, y0 + (y1 - y0) * k / steps,
                       "left")
        self.mouse("mouseReleased", x1, y1, "left")

    def box(self, selector):
        """The bounding box {x, y, width, height} of the first element matching selector."""
        return self.evaluate(f"(function () {{ const r = document.querySelector({selector!r})"
                             ".getBoundingClientRect(); return {x: r.x, y: r.y, "
                             "width: r.width, height: r.height}; })()")


class Browser:
    def __init__(self, folder):
        binary = CHROMIUM if Path(CHROMIUM).is_file() else shutil.which("chromium")
        if not binary:
            raise RuntimeError("chromium is not installed (apt-get install chromium)")
        prefix, self.isolation = isolation()
        profile = tempfile.mkdtemp(prefix="chromium-profile-", dir=folder)
        to_browser, self._in = os.pipe()      # we write, the browser reads its fd 3
        self._out, from_browser = os.pipe()   # the browser writes its fd 4, we read

        def fds():  # dup first: dup2 onto the same number would keep close-on-exec
            a, b = os.dup(to_browser), os.dup(from_browser)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self._log = open(Path(folder) / "chromium.log", "w")
        self._process = subprocess.Popen(
            prefix + [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                      "--disable-extensions", "--disable-background-networking", "--disable-sync",
                      "--hide-scrollbars", "--proxy-server=http://127.0.0.1:9",
                      "--host-resolver-rules=MAP * ~NOTFOUND", f"--user-data-dir={profile}",
                      "--remote-debugging-pipe", "about:blank"],
            preexec_fn=fds, close_fds=False, stdin=subprocess.DEVNULL, stdout=self._log,
            stderr=self._log)
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._id = 0
        self._events = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        try:
            self._call("Browser.close", timeout=10)
        except Exception:  # noqa: BLE001 - closing anyway
            pass
        try:
            self._process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        for fd in (self._in, self._out):
            try:
                os.close(fd)
            except OSError:
                pass
        self._log.close()

    def _send(self, method, params=None, session=None):
        self._id += 1
        message = {"id": self._id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._in, json.dumps(message).encode() + b"\0")
        return self._id

    def _receive(self, deadline):
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._out], [], [], max(0.0, deadline - time.time()))
            if not ready:
                raise TimeoutError("no answer from chromium")
            chunk = os.read(self._out, 1 << 20)
            if not chunk:
                raise RuntimeError(f"chromium exited ({self._process.poll()})")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(message)

    def _call(self, method, params=None, session=None, timeout=60):
        deadline = time.time() + timeout
        number = self._send(method, params, session)
        while True:
            message = self._receive(deadline)
            if message.get("id") == number:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message["result"]
            self._events.append(message)

    def _evaluate(self, session, expression, timeout=60):
        result = self._call("Runtime.evaluate", {"expression": expression, "returnByValue": True},
                            session, timeout)
        return result["result"].get("value")

    def open(self, path, ready="true", width=1400, height=1600, screenshot=False, timeout=120,
             interact=None):
        """Loads a file in a new tab; waits until the JavaScript expression `ready` is true (and
        the document has loaded); then calls interact(tab) if given (a Tab: evaluate JavaScript,
        move and click the mouse like a user), its result in page.interaction; returns the
        Page."""
        start = time.time()
        target = self._call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self._call("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"]
        for domain in ("Runtime.enable", "Page.enable", "Log.enable"):
            self._call(domain, session=session)
        self._call("Emulation.setDeviceMetricsOverride", {"width": width, "height": height,
                                                          "deviceScaleFactor": 1, "mobile": False},
                   session)
        self._events = []
        self._call("Page.navigate", {"url": Path(path).resolve().as_uri()}, session)
        deadline = time.time() + timeout
        while not self._evaluate(session, f"document.readyState === 'complete' && !!({ready})"):
            if time.time() > deadline:
                raise TimeoutError(f"{path}: not ready ({ready}) after {timeout} s")
            time.sleep(0.2)
        page = Page()
        if interact is not None:
            page.interaction = interact(Tab(self, session))
        page.dom = self._evaluate(session, "document.documentElement.outerHTML")
        if screenshot:
            page.screenshot = base64.b64decode(
                self._call("Page.captureScreenshot", {"format": "png"}, session)["data"])
        for event in self._events:
            if event.get("sessionId") != session:
                continue
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled":
                text = " ".join(str(a.get("value", a.get("description", "")))
                                for a in params.get("args", []))
                page.console.append((params.get("type"), text))
            elif method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                page.errors.append(details.get("exception", {}).get("description")
                                   or details.get("text", "exception"))
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                page.errors.append(params["entry"].get("text", "error"))
        self._call("Target.closeTarget", {"targetId": target})
        page.seconds = time.time() - start
        return page
