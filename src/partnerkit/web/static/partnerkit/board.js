// Drag-and-drop on the partnerships board, and keyboard focus after a move (on the board and
// on the partnership page).
//
// Dropping a card on a column fills in the card's own "Move to" form and submits it, so a
// drag goes through exactly the same server checks as the keyboard control. The board works
// without this script: every card keeps its form.
(function () {
  "use strict";

  var dragged = null;

  function columnAt(node) {
    return node && node.closest ? node.closest(".board-column[data-stage]") : null;
  }

  function clearTargets() {
    document.querySelectorAll(".board-column.is-drop-target").forEach(function (column) {
      column.classList.remove("is-drop-target");
    });
  }

  function accepts(column) {
    return dragged && column && column.getAttribute("data-stage") !== dragged.getAttribute("data-stage");
  }

  document.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest(".board-card[draggable='true']");
    if (!card) {
      return;
    }
    dragged = card;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.id);
    card.classList.add("is-dragging");
  });

  document.addEventListener("dragend", function () {
    if (dragged) {
      dragged.classList.remove("is-dragging");
    }
    dragged = null;
    clearTargets();
  });

  document.addEventListener("dragover", function (event) {
    var column = columnAt(event.target);
    if (!accepts(column)) {
      return;
    }
    event.preventDefault();  // allows the drop
    event.dataTransfer.dropEffect = "move";
    if (!column.classList.contains("is-drop-target")) {
      clearTargets();
      column.classList.add("is-drop-target");
    }
  });

  document.addEventListener("dragleave", function (event) {
    var column = columnAt(event.target);
    if (column && !column.contains(event.relatedTarget)) {
      column.classList.remove("is-drop-target");
    }
  });

  document.addEventListener("drop", function (event) {
    var column = columnAt(event.target);
    if (!accepts(column)) {
      return;
    }
    event.preventDefault();
    var card = dragged;
    clearTargets();
    var form = card.querySelector("form[data-move-form]");
    if (!form) {
      return;
    }
    form.elements.to.value = column.getAttribute("data-stage");
    if (column.hasAttribute("data-needs-reason") && !form.elements.reason.value.trim()) {
      // Declining, dropping or pausing needs a reason: ask for it before moving.
      var details = form.closest("details");
      if (details) {
        details.open = true;
      }
      // After the drag has ended, or the browser takes the focus back.
      window.setTimeout(function () {
        form.elements.reason.focus();
      }, 0);
      return;
    }
    if (form.requestSubmit) {
      form.requestSubmit();
    } else {
      form.submit();
    }
  });

  // A card whose move form is open is not draggable: some browsers would otherwise start a
  // drag instead of placing the cursor in the reason field. (toggle does not bubble.)
  document.addEventListener("toggle", function (event) {
    var details = event.target;
    var card = details.matches && details.matches("details.move") && details.closest(".board-card");
    if (card) {
      card.setAttribute("draggable", details.open ? "false" : "true");
    }
  }, true);

  // After a move, put the keyboard focus where the answer is: the explanation of a blocked
  // move, or the moved card in its new column.
  document.addEventListener("htmx:afterSettle", function () {
    var target = document.querySelector("[data-autofocus]");
    if (target) {
      target.removeAttribute("data-autofocus");
      target.focus();
    }
  });
})();
