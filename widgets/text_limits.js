// Text fields of the Szkoła Kooperacji dashboard stop at the model's length limit while typing
// (anywidget front-end with no view of its own). bind() marks each text widget with the class
// sk-maxlength-N; this gives its field maxlength=N and refuses, with a message that stays until
// the trainee types in that field again, a paste that would not fit. Installed once per page.

const MARK = /(?:^|\s)sk-maxlength-(\d+)(?:\s|$)/;

function limitFields(root) {
  for (const holder of root.querySelectorAll("[class*='sk-maxlength-']")) {
    const found = MARK.exec(holder.className);
    if (!found) continue;
    for (const field of holder.querySelectorAll("input, textarea")) {
      if (field.maxLength !== Number(found[1])) field.maxLength = Number(found[1]);
    }
  }
}

function limitedField(target) {
  const isField = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
  return isField && target.maxLength > 0 && target.closest("[class*='sk-maxlength-']") ? target : null;
}

function say(field, text) {
  const holder = field.closest("[class*='sk-maxlength-']");
  let note = holder.querySelector(".sk-limit-note");
  if (!note) {
    note = document.createElement("span");
    note.className = "sk-message sk-limit-note";
    note.setAttribute("role", "alert");
    holder.appendChild(note);
  }
  note.textContent = text;
}

function refusePaste(event) {
  const field = limitedField(event.target);
  if (!field) return;
  const pasted = event.clipboardData ? event.clipboardData.getData("text") : "";
  const room = field.maxLength - field.value.length + (field.selectionEnd - field.selectionStart);
  if (pasted.length <= room) return;
  event.preventDefault();
  say(
    field,
    `Nie wklejono: tekst ma ${pasted.length} znaków, a to pole mieści najwyżej ${field.maxLength}. ` +
      "Skróć go i wklej ponownie.",
  );
}

function noteLimit(event) {
  const field = limitedField(event.target);
  if (!field) return;
  const holder = field.closest("[class*='sk-maxlength-']");
  const note = holder.querySelector(".sk-limit-note");
  if (field.value.length >= field.maxLength) {
    say(field, `To pole mieści najwyżej ${field.maxLength} znaków.`);
  } else if (note) {
    note.remove();
  }
}

function install() {
  if (window.__szkolaTextLimits) return;
  window.__szkolaTextLimits = true;
  limitFields(document.body);
  new MutationObserver(() => limitFields(document.body)).observe(document.body, { childList: true, subtree: true });
  document.addEventListener("paste", refusePaste, true);
  document.addEventListener("input", noteLimit, true);
}

function render({ el }) {
  el.style.display = "none";
  install();
}

export default { render };
