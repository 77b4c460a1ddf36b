// "Pobierz kontrakt" button of the Szkoła Kooperacji dashboard (anywidget front-end).
// A click asks the kernel for the file; the kernel answers with the bytes as a message buffer,
// which the browser saves under the given name. Nothing typed by a trainee is inserted as HTML.

function render({ model, el }) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "jupyter-widgets jupyter-button widget-button mod-info sk-download-button";
  button.textContent = model.get("description");
  const status = document.createElement("span");
  status.className = "sk-download-status";
  status.setAttribute("role", "status");

  // While the file is made the button is marked busy, not disabled: a disabled button would drop the
  // keyboard focus to the page's start (tests/browser/test_keyboard.py).
  button.addEventListener("click", () => {
    if (button.getAttribute("aria-disabled") === "true") return;
    button.setAttribute("aria-disabled", "true");
    status.textContent = "Przygotowuję dokument…";
    model.send({ event: "download" });
  });

  model.on("change:description", () => {
    button.textContent = model.get("description");
  });

  model.on("msg:custom", (message, buffers) => {
    button.removeAttribute("aria-disabled");
    if (message.event === "file") {
      const url = URL.createObjectURL(new Blob(buffers, { type: message.mime }));
      const link = document.createElement("a");
      link.href = url;
      link.download = message.filename;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      status.textContent = `Pobrano plik ${message.filename}.`;
    } else if (message.event === "error") {
      status.textContent = message.message;
    }
  });

  el.classList.add("sk-download");
  el.append(button, status);
}

export default { render };
