"use strict";
// clipper's picker page. The page the bookmarklet sent is data: every text of it goes in as text
// (textContent, input values), never as markup, and the page's security policy makes any attempt
// to set markup from a string throw.
(() => {
  const $ = (id) => document.getElementById(id);
  const state = { key: "", clip: null, ticked: new Set(), busy: false, done: false, digits: "", timer: 0 };

  function node(tag, className, text) {
    const made = document.createElement(tag);
    if (className) made.className = className;
    if (text !== undefined) made.textContent = text;
    return made;
  }

  function say(text, kind) {
    const status = $("status");
    status.textContent = text;
    status.className = "status" + (kind ? " " + kind : "");
    status.hidden = !text;
  }

  async function call(method, path, body) {
    const headers = {};
    if (state.key) headers["X-Clipper-Key"] = state.key;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let response;
    try {
      response = await fetch(path, {
        method, headers, cache: "no-store", credentials: "same-origin",
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      return { ok: false, status: 0, data: { error: "clipper does not answer: is clipper serve still running?" } };
    }
    const text = await response.text();
    let data;
    try {
      data = JSON.parse(text);
    } catch (error) {
      data = { error: text.trim() || response.statusText };
    }
    return { ok: response.ok, status: response.status, data };
  }

  // The secret rides in a header of every call, kept for a reload in this tab's storage of
  // clipper's own origin (which no other page, nor another server on 127.0.0.1, can read).
  function keep(key) {
    state.key = key;
    sessionStorage.setItem("clipper-key", key);
  }

  // The page comes from the bookmarklet's tab as a message, or clipper holds it already: sent by a
  // form (its answer is this page, with the secret and the page's id), or before a reload.
  function start() {
    const meta = (name) => document.querySelector(`meta[name="${name}"]`).content;
    if (meta("clipper-key")) {
      keep(meta("clipper-key"));
      history.replaceState(null, "", "/clip#" + meta("clipper-clip"));
    }
    state.key = state.key || sessionStorage.getItem("clipper-key") || "";
    const held = location.hash.slice(1);
    if (held) {
      say("Reading the page…");
      call("GET", "/api/clips/" + encodeURIComponent(held)).then(shown);
      return;
    }
    if (!window.opener) {
      say("No page came: click clipper's bookmarklet on an article (it is on clipper's start page).");
      // Opened by the bookmarklet but cut off by the article's page (Cross-Origin-Opener-Policy):
      // the page comes by a form in its own tab instead, and this window is not needed.
      if (new URLSearchParams(location.search).has("opened")) window.close();
      return;
    }
    window.addEventListener("message", received);
    window.opener.postMessage("clipper:ready", "*");
  }

  function received(event) {
    const page = event.data;
    if (event.source !== window.opener || !page || typeof page !== "object" || page.clipper !== 1) return;
    window.removeEventListener("message", received);
    keep(typeof page.key === "string" ? page.key : "");
    say("Reading the page…");
    const fields = {};
    for (const name of ["url", "html", "type", "selection"]) fields[name] = String(page[name] ?? "");
    call("POST", "/api/pages", fields).then(shown);
  }

  function shown(reply) {
    if (!reply.ok) {
      failed(reply);
      return;
    }
    history.replaceState(null, "", "/clip#" + reply.data.id);
    render(reply.data);
  }

  function failed(reply) {
    const data = reply.data || {};
    if (data.kind === "exists") {
      state.done = true;
      say("Already drafted, in " + data.path + ": nothing was written.", "error");
      for (const button of document.querySelectorAll("button")) button.disabled = true;
    } else {
      say(data.error || "clipper answered " + reply.status, "error");
    }
  }

  function render(clip) {
    state.clip = clip;
    document.title = (clip.title || clip.url) + " · clipper";
    const doubts = {};
    for (const doubt of clip.doubts) (doubts[doubt.part] = doubts[doubt.part] || []).push(doubt.reason);
    $("title").value = clip.title;
    $("site").value = clip.site_name;
    $("author").textContent = clip.author || "not found";
    $("date").textContent = clip.date || "not found";
    doubted($("title").parentNode, doubts.headline);
    doubted($("site").parentNode, doubts.publication);
    doubted($("author").parentNode, doubts.author);
    doubted($("date").parentNode, doubts.date);
    for (const doubt of clip.doubts) {
      if (doubt.part !== "lead" || !doubt.block) $("doubts").append(node("li", "", doubt.part + "? " + doubt.reason));
    }
    const source = $("source");
    source.textContent = clip.url;
    if (/^https?:\/\//i.test(clip.url)) source.href = clip.url;
    clip.blocks.forEach((block, index) => $("blocks").append(paragraph(block, index + 1)));
    for (const n of clip.selected.length ? clip.selected : clip.lead) tick(n, true);
    $("push").hidden = !clip.push;
    $("write").addEventListener("click", () => write(false));
    $("push").addEventListener("click", () => write(true));
    say(clip.selected.length ? "The paragraphs that hold your selection are ticked." : "");
    $("picker").hidden = false;
    meter();
  }

  function doubted(where, reasons) {
    if (!reasons) return;
    where.classList.add("doubted");
    where.title = reasons.join("; ");
    where.querySelector(".label").append(node("span", "mark", "?"));
  }

  function paragraph(block, n) {
    const item = node("li", "block");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.id = "p" + n;
    box.addEventListener("change", () => tick(n, box.checked));
    const label = node("label");
    label.htmlFor = box.id;
    label.append(node("span", "n", String(n)), node("span", "words", block.words + " w"));
    if (block.looks_like || block.doubted) {
      item.classList.add("furniture");
      label.append(node("span", "mark", (block.looks_like || "lead") + "?"));
    }
    label.append(node("span", "text kind-" + block.kind, block.text));
    item.append(box, label);
    return item;
  }

  function tick(n, on) {
    const box = $("p" + n);
    if (!box) return;
    box.checked = on;
    box.parentNode.classList.toggle("ticked", on);
    if (on) state.ticked.add(n);
    else state.ticked.delete(n);
    meter();
  }

  function chosen() {
    return [...state.ticked].sort((a, b) => a - b);
  }

  // 1-3,5 as the command line writes a choice.
  function describe(numbers) {
    const runs = [];
    for (const n of numbers) {
      const last = runs[runs.length - 1];
      if (last && n === last[1] + 1) last[1] = n;
      else runs.push([n, n]);
    }
    return runs.map(([a, b]) => (a === b ? String(a) : a + "-" + b)).join(",");
  }

  function meter() {
    const clip = state.clip;
    const numbers = chosen();
    const words = numbers.reduce((sum, n) => sum + clip.blocks[n - 1].words, 0);
    const part = clip.words ? words / clip.words : 0;
    const percent = Math.round(part * 100);
    const overShare = part > clip.warn_share, overWords = words > clip.warn_words;
    $("bar").style.width = Math.min(100, percent) + "%";
    $("bar").className = overShare || overWords ? "over" : "";
    let line = numbers.length
      ? `Quoting ${describe(numbers)}: ${words.toLocaleString("en")} of ${clip.words.toLocaleString("en")} words (${percent}% of the article)`
      : "Nothing ticked: tick the paragraphs to quote.";
    if (overShare) line += `, over ${Math.round(clip.warn_share * 100)}%`;
    else if (overWords) line += `, over ${clip.warn_words} words`;
    $("share").textContent = line;
    $("share").className = overShare || overWords ? "over" : "";
  }

  async function write(push) {
    if (state.busy || state.done || !state.clip) return;
    const numbers = chosen();
    if (!numbers.length) {
      say("Tick the paragraphs to quote first.", "error");
      return;
    }
    const buttons = document.querySelectorAll("button");
    state.busy = true;
    for (const button of buttons) button.disabled = true;
    say(push ? "Writing and pushing…" : "Writing…");
    const site = $("site").value.trim();
    const reply = await call("POST", "/api/clips/" + encodeURIComponent(state.clip.id) + "/write", {
      numbers,
      title: $("title").value,
      note: $("note").value,
      site_name: site && site !== state.clip.site_name ? site : null,
      tags: $("tags").value.split(",").map((tag) => tag.trim()).filter(Boolean),
      push,
    });
    state.busy = false;
    if (!reply.ok) {
      for (const button of buttons) button.disabled = false;
      failed(reply);
      return;
    }
    state.done = true;
    result(reply.data);
  }

  function result(written) {
    say("");
    $("picker").hidden = true;
    $("written").textContent = "Written: " + written.path;
    const notes = $("warnings");
    for (const warning of written.warnings) notes.append(node("li", "warning", "warning: " + warning));
    for (const note of written.notes) notes.append(node("li", "", note));
    if (written.review.length) notes.append(node("li", "warning", "to review: " + written.review.join(", ")));
    if (written.push) {
      if (written.push.error) notes.append(node("li", "error", "not pushed: " + written.push.error));
      else {
        const item = node("li", "", "Pushed to WordPress (" + written.push.status + "): ");
        const link = node("a", "", written.push.link || "");
        if (/^https?:\/\//i.test(written.push.link || "")) link.href = written.push.link;
        item.append(link);
        notes.append(item);
      }
    }
    $("post-title").textContent = written.title;
    for (const [depth, text] of written.paragraphs) {
      $("post-body").append(node(depth ? "blockquote" : "p", "", text));
    }
    $("result").hidden = false;
    document.title = "Written · clipper";
  }

  // Keyboard: Enter writes (Ctrl+Enter from the note), the number keys tick paragraphs (two digits
  // typed quickly make one number when the article is that long).
  function digit(key) {
    clearTimeout(state.timer);
    state.digits += key;
    const n = Number(state.digits), count = state.clip.blocks.length;
    const done = () => {
      state.digits = "";
      if (n >= 1 && n <= count) {
        tick(n, !state.ticked.has(n));
        $("p" + n).scrollIntoView({ block: "nearest" });
      }
    };
    if (n * 10 > count) done();
    else state.timer = setTimeout(done, 600);
  }

  document.addEventListener("keydown", (event) => {
    if (!state.clip || state.done || event.altKey || event.metaKey) return;
    const target = event.target;
    const typing = target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && target.type === "text");
    if (event.key === "Enter") {
      if ((target instanceof HTMLTextAreaElement && !event.ctrlKey) || target instanceof HTMLButtonElement) return;
      event.preventDefault();
      write(false);
    } else if (!typing && !event.ctrlKey && /^[0-9]$/.test(event.key)) {
      event.preventDefault();
      digit(event.key);
    }
  });

  start();
})();
