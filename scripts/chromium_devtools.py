"""Headless chromium driven over the DevTools protocol on a pipe (--remote-debugging-pipe), with
no package from PyPI: shared by scripts/server-accessibility and scripts/server-journeys."""

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time


class ChromiumMissing(Exception):
    """Debian's chromium is not installed."""


class Chromium:
    """Headless chromium driven over --remote-debugging-pipe (fd 3 in, fd 4 out, NUL-separated JSON)."""

    def __init__(self):
        binary = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
        if not binary:
            raise ChromiumMissing("chromium is not installed (apt-get install chromium)")
        self.profile = tempfile.mkdtemp(prefix="fairlabel-a11y-chromium-")
        to_chromium_read, self.to_chromium = os.pipe()
        self.from_chromium, from_chromium_write = os.pipe()

        def place_pipes():
            # Copies first: a pipe may already be fd 3 or 4 (close-on-exec, and dup2 onto itself
            # would leave it so), or sit where the other must go.
            reading, writing = os.dup(to_chromium_read), os.dup(from_chromium_write)
            os.dup2(reading, 3)
            os.dup2(writing, 4)

        self.process = subprocess.Popen(
            [binary, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe", f"--user-data-dir={self.profile}",
             "--no-first-run", "about:blank"],
            preexec_fn=place_pipes, pass_fds=(), close_fds=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chromium_read)
        os.close(from_chromium_write)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None, timeout=30):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_chromium, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            reply = self.receive()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)
        raise RuntimeError(f"{method}: no answer from chromium")

    def receive(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.from_chromium, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed its pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def wait_for(self, method, session, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for index, event in enumerate(self.events):
                if event.get("method") == method and event.get("sessionId") == session:
                    del self.events[index]
                    return event
            self.events.append(self.receive())
        raise RuntimeError(f"no {method} from chromium")

    def open(self, url, cookies):
        """The accessibility tree and the document's lang of `url`, with `cookies` set."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        try:
            self.send("Page.enable", session=session)
            self.send("Network.enable", session=session)
            self.send("Network.clearBrowserCookies", session=session)
            for name, value in cookies.items():
                self.send("Network.setCookie", {"name": name, "value": value, "url": url, "path": "/"}, session=session)
            self.events.clear()
            self.send("Page.navigate", {"url": url}, session=session)
            self.wait_for("Page.loadEventFired", session)
            lang = self.send("Runtime.evaluate", {"expression": "document.documentElement.lang", "returnByValue": True},
                             session=session)["result"].get("value", "")
            nodes = self.send("Accessibility.getFullAXTree", session=session)["nodes"]
            return nodes, lang
        finally:
            self.send("Target.closeTarget", {"targetId": target})

    def close(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


class StepFailed(Exception):
    """A page did not do what a journey expected of it."""


class Tab:
    """A page in a browser context of its own (its own cookie jar), driven as a person would:
    open a URL, fill a form's fields, choose a file, send the form, read the page, take a picture."""

    def __init__(self, chromium):
        self.chromium = chromium
        self.context = chromium.send("Target.createBrowserContext")["browserContextId"]
        self.target = chromium.send("Target.createTarget", {"url": "about:blank", "browserContextId": self.context})["targetId"]
        self.session = chromium.send("Target.attachToTarget", {"targetId": self.target, "flatten": True})["sessionId"]
        self.send("Page.enable")
        self.send("Emulation.setDeviceMetricsOverride", {"width": 1200, "height": 900, "deviceScaleFactor": 1, "mobile": False})

    def send(self, method, params=None, timeout=60):
        return self.chromium.send(method, params, session=self.session, timeout=timeout)

    def _until_loaded(self, action):
        self.chromium.events = [event for event in self.chromium.events if event.get("sessionId") != self.session]
        action()
        self.chromium.wait_for("Page.loadEventFired", self.session, timeout=120)

    def go(self, url):
        """Opens `url` and waits for the page to load."""
        self._until_loaded(lambda: self.send("Page.navigate", {"url": url}))

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise StepFailed(f"{expression}: {result['exceptionDetails'].get('text', 'failed')} on {self.url()}")
        return result["result"].get("value")

    def url(self):
        return self.send("Runtime.evaluate", {"expression": "location.href", "returnByValue": True})["result"].get("value", "")

    def text(self):
        """What the page says, as a person reads it."""
        return self.evaluate("document.body.innerText") or ""

    def title(self):
        return self.evaluate("document.title") or ""

    def fill(self, selector, value):
        """Types `value` into the field `selector` (or chooses it, for a select)."""
        found = self.evaluate(
            f"(() => {{ const field = document.querySelector({json.dumps(selector)}); if (!field) return false; "
            f"field.value = {json.dumps(value)}; field.dispatchEvent(new Event('change')); return true; }})()")
        if not found:
            raise StepFailed(f"no field {selector} on {self.url()}")

    def choose_file(self, selector, path):
        """Chooses the file at `path` in the file field `selector`."""
        root = self.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node = self.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        if not node:
            raise StepFailed(f"no file field {selector} on {self.url()}")
        self.send("DOM.setFileInputFiles", {"nodeId": node, "files": [os.path.abspath(path)]})

    def submit(self, selector):
        """Sends the form `selector` with its submit button, as a click would, and waits for the next page."""
        def press():
            found = self.evaluate(
                f"(() => {{ const form = document.querySelector({json.dumps(selector)}); if (!form) return false; "
                "const button = form.querySelector('button[type=submit]'); form.requestSubmit(button); return true; })()")
            if not found:
                raise StepFailed(f"no form {selector} on {self.url()}")
        self._until_loaded(press)

    def link(self, text):
        """The address of the first link whose text contains `text`."""
        href = self.evaluate(
            f"(() => {{ const link = [...document.querySelectorAll('a')].find(a => a.innerText.includes({json.dumps(text)})); "
            "return link ? link.href : null; })()")
        if not href:
            raise StepFailed(f"no link saying {text!r} on {self.url()}")
        return href

    def screenshot(self, path):
        """A picture of the whole page, written to `path` (PNG)."""
        data = self.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})["data"]
        with open(path, "wb") as handle:
            handle.write(base64.b64decode(data))

    def close(self):
        self.chromium.send("Target.closeTarget", {"targetId": self.target})
        self.chromium.send("Target.disposeBrowserContext", {"browserContextId": self.context})
