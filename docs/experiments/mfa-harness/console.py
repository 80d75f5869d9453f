import sys, re, json, urllib.request, urllib.parse, http.cookiejar
BASE = "http://127.0.0.1:18080"
class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k): return None
def session(name, pw=None):
    pw = pw or __import__("os").environ.get("MC_CONSOLE_PASSWORD", "harness-console-pw")
    jar = http.cookiejar.CookieJar()
    op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    s = {"op": op}
    post(s, "/login", {"name": name, "password": pw})
    page = get(s, "/queue")
    s["csrf"] = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    return s
def get(s, path):
    try: return s["op"].open(BASE + path).read().decode()
    except urllib.error.HTTPError as e: return e.read().decode()
def post(s, path, form):
    if "csrf" in s: form = dict(form, csrf=s["csrf"])
    req = urllib.request.Request(BASE + path, data=urllib.parse.urlencode(form).encode(), headers={"Origin": BASE})
    try:
        r = s["op"].open(req); return r.status, r.headers.get("Location"), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Location"), e.read().decode()
