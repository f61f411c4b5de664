// Click a row of the side panel: its item's first mention in the text is shown;
// click a highlighted mention: its row in the panel is shown.
(function () {
  function clear() {
    document.querySelectorAll(".tp-active").forEach(function (el) { el.classList.remove("tp-active"); });
  }
  document.querySelectorAll(".tp-panel tr[data-item]").forEach(function (row) {
    row.addEventListener("click", function () {
      var id = row.getAttribute("data-item");
      var mark = id && document.querySelector('mark[data-item="' + id + '"]');
      clear();
      row.classList.add("tp-active");
      if (mark) { mark.classList.add("tp-active"); mark.scrollIntoView({ block: "center" }); }
    });
  });
  document.querySelectorAll("mark[data-item]").forEach(function (mark) {
    mark.addEventListener("click", function () {
      var row = document.querySelector('.tp-panel tr[data-item="' + mark.getAttribute("data-item") + '"]');
      clear();
      mark.classList.add("tp-active");
      if (row) { row.classList.add("tp-active"); row.scrollIntoView({ block: "nearest" }); }
    });
  });
})();
