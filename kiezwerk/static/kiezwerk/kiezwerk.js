/* Kiezwerk's only script. Pages work without it; it keeps keyboard focus in place when htmx
   swaps content in: the first new element marked data-autofocus receives focus. */
document.addEventListener("htmx:afterSettle", function () {
    var target = document.querySelector("[data-autofocus]");
    if (target) {
        target.removeAttribute("data-autofocus");
        target.focus();
    }
});
