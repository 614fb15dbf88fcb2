"use strict";
// The bookmarklet does nothing on clipper's own page (its security policy runs no javascript: link):
// say what to do with it instead.
document.addEventListener("DOMContentLoaded", () => {
  const link = document.querySelector("a.bookmarklet");
  const hint = document.querySelector(".hint");
  link.addEventListener("click", (event) => {
    event.preventDefault();
    hint.hidden = false;
  });
});
