// Front end of the trainee page (Szkoła Kooperacji page template): truthful saving, lost connection, sign-in fields.
// 1. While a trainee types in an editor saved on every change (.sk-autosave), the save indicator
//    (.sk-saved) says "Niezapisane zmiany"; the kernel redraws it with "Zapisano o …" only after the
//    store has the change.
// 2. When the server or the kernel is gone, a Polish banner says so and what to do, the indicator no
//    longer claims "Zapisano", the page is made inert (nothing typed afterwards is silently dropped),
//    and text typed but not yet saved is shown in the banner so it can be copied.
// 3. The sign-in fields ask the browser not to fill in or remember a name or code (shared computers).
// 4. Panels that scroll on their own are reachable and named for the keyboard and screen readers;
//    checkbox lists are named groups.
// The kernel connection is Voilà's widget manager's (window.jupyterapp.widgetManager.kernel); a
// reconnection to the same, still running kernel lifts the block.
(function () {
  "use strict";
  var LOST =
    "Połączenie z serwerem zostało przerwane. Twoje ostatnie zmiany mogły nie zostać zapisane. " +
    "Odśwież stronę, gdy serwer wróci, i zaloguj się ponownie.";
  var UNSENT = "Tekst, który mógł nie zostać zapisany — skopiuj go przed odświeżeniem strony:";
  var UNSAVED = "Niezapisane zmiany";
  var NOT_SAVED = "Nie zapisano — brak połączenia z serwerem";
  var GONE = ["dead", "restarting", "autorestarting"];
  var pending = new Set();
  var seenConnected = false;
  var restarted = false;
  var blocked = false;
  var leaving = false;
  var watched = null;
  var marked = false; // the indicators show the page's note ("Niezapisane zmiany" or "Nie zapisano")

  // The kernel's text stays in the indicator's content; the page's own note is shown over it (CSS hides
  // the content while .sk-unsaved is set) until the kernel redraws the content after a save.
  function indicators() {
    return Array.prototype.slice.call(document.querySelectorAll(".sk-saved"));
  }

  // An indicator is an HTML widget, whose content the kernel redraws in place, or a part of the side notes,
  // which the kernel's redraw replaces with a new, unmarked element (so its content needs no comparing).
  function content(indicator) {
    var element = indicator.querySelector(".widget-html-content");
    return element ? element.innerHTML : "";
  }

  function mark(text) {
    marked = true;
    indicators().forEach(function (indicator) {
      var note = indicator.querySelector(".sk-save-note");
      if (!note) {
        note = document.createElement("span");
        note.className = "sk-save-note";
        indicator.appendChild(note);
      }
      note.textContent = text;
      if (!indicator.classList.contains("sk-unsaved")) {
        indicator.dataset.skOver = content(indicator);
        indicator.classList.add("sk-unsaved");
      }
    });
  }

  function unmark() {
    marked = false;
    indicators().forEach(function (indicator) {
      indicator.classList.remove("sk-unsaved");
    });
  }

  // A redraw by the kernel means a save: of a field left after typing, or of every keystroke in a field
  // that sends as it goes. A field typed in after that marks the indicator again with its next key.
  function redrawnAfterSave() {
    if (!marked) return;
    var redrawn = indicators().some(function (indicator) {
      return !indicator.classList.contains("sk-unsaved") || content(indicator) !== indicator.dataset.skOver;
    });
    if (redrawn) {
      pending.clear();
      unmark();
    }
  }

  function editable(target) {
    return (
      target &&
      (target.tagName === "TEXTAREA" || target.tagName === "INPUT") &&
      target.closest(".sk-autosave") !== null &&
      target.closest(".sk-not-saved") === null
    );
  }

  document.addEventListener("focusin", function (event) {
    if (editable(event.target)) {
      event.target.dataset.skStart = event.target.value;
    }
  });
  document.addEventListener("input", function (event) {
    if (!editable(event.target) || blocked) return;
    pending.add(event.target);
    mark(UNSAVED);
  });
  document.addEventListener("focusout", function (event) {
    var field = event.target;
    if (pending.has(field) && field.value === field.dataset.skStart) {
      pending.delete(field);
      if (pending.size === 0 && !blocked) unmark();
    }
  });

  function unsentTexts() {
    var texts = [];
    pending.forEach(function (field) {
      if (field.value && field.value !== field.dataset.skStart) texts.push(field.value);
    });
    return texts;
  }

  function block() {
    if (blocked) return;
    blocked = true;
    var veil = document.createElement("div");
    veil.id = "sk-connection-veil";
    var banner = document.createElement("div");
    banner.id = "sk-connection-lost";
    banner.setAttribute("role", "alert");
    var message = document.createElement("p");
    message.textContent = LOST;
    banner.appendChild(message);
    var texts = unsentTexts();
    if (texts.length) {
      var intro = document.createElement("p");
      intro.textContent = UNSENT;
      var copy = document.createElement("textarea");
      copy.readOnly = true;
      copy.className = "sk-unsent-text";
      copy.setAttribute("aria-label", UNSENT);
      copy.value = texts.join("\n\n");
      banner.appendChild(intro);
      banner.appendChild(copy);
    }
    document.body.appendChild(veil);
    document.body.appendChild(banner);
    var cells = document.getElementById("rendered_cells");
    if (cells) {
      cells.inert = true;
      cells.style.marginTop = banner.offsetHeight + "px"; // the indicator stays in view below the banner
    }
    mark(NOT_SAVED);
  }

  function unblock() {
    if (!blocked) return;
    blocked = false;
    ["sk-connection-veil", "sk-connection-lost"].forEach(function (id) {
      var element = document.getElementById(id);
      if (element) element.remove();
    });
    var cells = document.getElementById("rendered_cells");
    if (cells) {
      cells.inert = false;
      cells.style.marginTop = "";
    }
    if (pending.size === 0) unmark();
    else mark(UNSAVED);
  }

  function watch(kernel) {
    // Signals catch a restart between two checks: a restarted kernel has none of this page's widgets.
    kernel.statusChanged.connect(function (_, status) {
      if (GONE.indexOf(status) >= 0) restarted = true;
      check();
    });
    kernel.connectionStatusChanged.connect(check);
  }

  function check() {
    var app = window.jupyterapp;
    var manager = app && app.widgetManager;
    var kernel = manager && manager.kernel;
    if (!kernel || leaving) return;
    if (kernel !== watched) {
      watched = kernel;
      watch(kernel);
    }
    if (GONE.indexOf(kernel.status) >= 0) restarted = true;
    var connected = !kernel.isDisposed && kernel.connectionStatus === "connected";
    if (connected) seenConnected = true;
    if (!seenConnected) return; // the page is still starting
    if (restarted || !connected) block();
    else {
      unblock();
      redrawnAfterSave();
    }
  }

  window.addEventListener("beforeunload", function () {
    leaving = true; // a reload closes the connection too; no banner for that
  });

  // A shared computer in a training room: the browser must not offer the previous trainee's name or code.
  function noAutofill() {
    document.querySelectorAll(".sk-trainee-name input, .sk-trainee-code input").forEach(function (field) {
      var wanted = field.type === "password" ? "new-password" : "off";
      if (field.getAttribute("autocomplete") !== wanted) field.setAttribute("autocomplete", wanted);
    });
  }

  // A panel that scrolls on its own (class sk-region, e.g. the live findings beside the editors) must be
  // reachable by the keyboard to be scrolled, and named for a screen reader (WCAG 2.1.1, 4.1.2): it gets
  // tabindex=0, the role of a region and its first heading as its name, as soon as it is drawn.
  // A checkbox list (class sk-checklist) is a group named by its title ("Dowody", "Art. 7"), so a screen
  // reader says which list a checkbox belongs to (WCAG 1.3.1).
  function regions() {
    document.querySelectorAll(".sk-region:not([aria-label])").forEach(function (region) {
      var heading = region.querySelector("h2, h3, h4");
      region.setAttribute("tabindex", "0");
      region.setAttribute("role", "region");
      if (heading) region.setAttribute("aria-label", heading.textContent.trim());
    });
    document.querySelectorAll(".sk-checklist:not([aria-label])").forEach(function (list) {
      var title = list.querySelector(".sk-checklist-title");
      if (!title) return;
      list.setAttribute("role", "group");
      list.setAttribute("aria-label", title.textContent.trim());
    });
  }
  new MutationObserver(regions).observe(document.documentElement, { childList: true, subtree: true });

  window.setInterval(function () {
    check();
    noAutofill();
  }, 500);
})();
