// The bookmarklet: sends the page as the browser shows it (after its scripts, with the curator's
// login), its address and the selected text to clipper's picker, in a new tab. clipper fills in
// its address and secret; comments and indentation are dropped from the link.
(function () {
  var origin = "__CLIPPER_ORIGIN__", key = "__CLIPPER_KEY__";
  var doc = document, root = doc.documentElement;
  var html = root ? root.outerHTML : "";
  if (doc.doctype) html = "<!DOCTYPE " + doc.doctype.name + ">\n" + html;
  var page = {
    clipper: 1, key: key, url: location.href, html: html,
    type: doc.contentType || "text/html", selection: String(window.getSelection ? getSelection() : "")
  };
  // A window that clipper opens is a navigation, which neither the page's Content-Security-Policy
  // (connect-src, form-action) nor the browser's local-network rules stop; the page then goes to
  // it as a message, to clipper's origin only.
  var win = window.open(origin + "/clip?opened", "_blank");
  var sent = false, started = Date.now();
  function ready(event) {
    if (event.source !== win || event.origin !== origin || event.data !== "clipper:ready") return;
    sent = true;
    removeEventListener("message", ready);
    win.postMessage(page, origin);
  }
  // The page cut the new window off (Cross-Origin-Opener-Policy), or a blocker stopped it: send
  // the page with a form instead, in this tab.
  function post() {
    var form = doc.createElement("form");
    form.method = "post";
    form.action = origin + "/clip";
    form.acceptCharset = "utf-8";
    form.target = "_self";
    for (var name in page) {
      var field = doc.createElement("textarea");
      field.name = name;
      field.value = page[name];
      form.appendChild(field);
    }
    form.style.display = "none";
    doc.addEventListener("securitypolicyviolation", function (event) {
      if (/^form-action/.test(event.effectiveDirective || event.violatedDirective || "")) {
        alert("clipper: this page keeps its content to itself (its security policy). " +
              "Save it (File > Save Page As) and run: clipper grab FILE --url ADDRESS");
      }
    });
    (doc.body || root).appendChild(form);
    form.submit();
  }
  if (!win) return post();
  addEventListener("message", ready);
  var timer = setInterval(function () {
    if (sent) return clearInterval(timer);
    if (win.closed) {
      clearInterval(timer);
      removeEventListener("message", ready);
      if (Date.now() - started < 5000) post();
    } else if (Date.now() - started > 60000) {
      clearInterval(timer);
      removeEventListener("message", ready);
    }
  }, 50);
})();
