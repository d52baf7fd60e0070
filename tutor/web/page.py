"""The pages ``tutor serve`` sends: the terminal page, and the short notices (busy, wrong address).

The terminal page is textual-serve's own (its ``app_index.html``, MIT) with
two changes for classrooms without internet: the font comes from
textual-serve's static folder on this server instead of a web font service,
with the machine's monospace fonts as fallback, so the page asks nothing of
any other machine; and the WebSocket address is built in the page from
the address the browser used (textual-serve builds it from the listening
host, which is useless to other computers when that is 0.0.0.0).
"""

from __future__ import annotations

import html
import json

#: WebSocket close code the server uses when every session is taken (4000-4999: the application's own).
BUSY_CLOSE_CODE = 4503
BUSY_MESSAGE = "The tutor is busy: every place is taken. Try again in a minute."

_STYLE = """
@font-face { font-family: "Roboto Mono"; font-style: normal; font-weight: 100 700;
  src: url("/static/fonts/RobotoMono-VariableFont_wght.ttf") format("truetype"); }
@font-face { font-family: "Roboto Mono"; font-style: italic; font-weight: 100 700;
  src: url("/static/fonts/RobotoMono-Italic-VariableFont_wght.ttf") format("truetype"); }
body { background: #0c181f; margin: 0; }
.dialog-container { position: absolute; width: 100vw; height: 100vh; display: flex; align-items: center;
  justify-content: center; z-index: 10; }
.shade { position: absolute; width: 100%; height: 100%; background: #0c181f; }
.intro { width: 640px; min-height: 200px; font-size: 16px; z-index: 20; font-family: "Roboto Mono", "DejaVu Sans Mono", monospace;
  text-align: center; color: rgba(255, 255, 255, 0.95); background-color: #12232d; display: flex; flex-direction: column;
  align-items: center; justify-content: center; margin: 32px; padding: 16px; }
body.-first-byte .intro-dialog { display: none; }
body .textual-terminal { opacity: 0; width: 100vw; height: 100vh; }
body.-first-byte .textual-terminal { opacity: 1; transition: opacity 0.3s ease-out; }
button { padding: 16px 32px; background-color: #5e0ba7; color: rgba(255, 255, 255, 0.95); border: none;
  font-family: "Roboto Mono", "DejaVu Sans Mono", monospace; font-size: 16px; margin: 16px; cursor: pointer; }
button:hover { background: #ac5af4; }
.closed-dialog { display: none; }
body.-closed .closed-dialog { display: flex; }
"""

_TERMINAL = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>tutor</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/css/xterm.css">
<style>{style}</style>
<script>
/* Tell a refused session (every place taken) from one that ended. */
(function () {{
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {{
    constructor(...args) {{
      super(...args);
      this.addEventListener("close", (event) => {{
        if (event.code === {busy_code}) {{
          document.querySelector(".closed-dialog .message").textContent = {busy_message};
        }}
      }});
    }}
  }};
}})();
</script>
<script src="/static/js/textual.js"></script>
</head>
<body>
<div class="dialog-container intro-dialog"><div class="shade"></div>
  <div class="intro"><div>tutor is starting&hellip;</div></div></div>
<div class="dialog-container closed-dialog"><div class="shade"></div>
  <div class="intro"><div class="message">Session ended. Your answers are saved.</div>
  <button type="button" onclick="window.location.reload()">Start again</button></div></div>
<div id="terminal" class="textual-terminal" data-font-size="{font_size}"></div>
<script>
document.getElementById("terminal").dataset.sessionWebsocketUrl =
  (location.protocol === "https:" ? "wss://" : "ws://") + location.host + {ws_path};
</script>
</body>
</html>
"""

_NOTICE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>tutor: {title}</title>
<link rel="icon" href="data:,">
{refresh}
<style>{style}</style>
</head>
<body>
<div class="dialog-container"><div class="shade"></div>
  <div class="intro"><div>{message}</div>{button}</div></div>
</body>
</html>
"""


def terminal_page(ws_path: str, font_size: int = 16) -> str:
    """The page that runs the app: textual-serve's terminal, connected to ``ws_path`` on the same host."""
    return _TERMINAL.format(
        style=_STYLE, busy_code=BUSY_CLOSE_CODE, busy_message=_js(BUSY_MESSAGE), font_size=int(font_size), ws_path=_js(ws_path)
    )


def _js(value: str) -> str:
    """A JavaScript string literal that cannot end the script element it sits in."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e")


def notice_page(title: str, message: str, retry_seconds: int | None = None) -> str:
    """A short notice; with ``retry_seconds`` the page tries again by itself and offers a button."""
    refresh = f'<meta http-equiv="refresh" content="{int(retry_seconds)}">' if retry_seconds else ""
    button = '<button type="button" onclick="window.location.reload()">Try again</button>' if retry_seconds else ""
    return _NOTICE.format(title=html.escape(title), refresh=refresh, style=_STYLE, message=html.escape(message), button=button)
