// budgetlint serve: send the chosen or dropped files, show the progress, then the report and its downloads.
(function () {
  "use strict";
  var input = document.getElementById("files");
  var drop = document.getElementById("drop");
  var box = document.getElementById("progress-box");
  var bar = document.getElementById("progress");
  var status = document.getElementById("status");
  var refusal = document.getElementById("refusal");
  var result = document.getElementById("result");
  var urls = [];

  function fill(template, values) {
    return template.replace(/\$(\w+)/g, function (m, k) { return k in values ? values[k] : m; });
  }

  function show(data) {
    var c = data.counts;
    status.textContent = fill(status.dataset.done, {docs: data.documents + data.errors.length,
      error: c.error, warning: c.warning, info: c.info});
    var list = document.getElementById("errors");
    list.replaceChildren();
    data.errors.forEach(function (line) {
      var li = document.createElement("li");
      li.textContent = line;
      list.appendChild(li);
    });
    document.getElementById("not-read").hidden = data.errors.length === 0;
    urls.forEach(URL.revokeObjectURL);
    urls = [];
    Array.prototype.forEach.call(document.querySelectorAll("#downloads a"), function (a) {
      var k = a.dataset.format;
      var type = k === "html" ? "text/html" : k === "csv" ? "text/csv" : "application/json";
      var url = URL.createObjectURL(new Blob([data.downloads[k]], {type: type + ";charset=utf-8"}));
      urls.push(url);
      a.href = url;
      a.download = data.names[k];
    });
    document.getElementById("report").srcdoc = data.report;
    result.hidden = false;
  }

  function upload(files) {
    if (!files || !files.length) return;
    var form = new FormData();
    Array.prototype.forEach.call(files, function (f) { form.append("files", f, f.name); });
    refusal.hidden = true;
    box.hidden = false;
    bar.value = 0;
    status.textContent = status.dataset.uploading;
    var xhr = new XMLHttpRequest();
    xhr.open("POST", "check");
    xhr.upload.onprogress = function (e) {
      if (!e.lengthComputable) return;
      bar.value = e.loaded / e.total;
      status.textContent = status.dataset.uploading + " " + Math.round(100 * e.loaded / e.total) + "%";
    };
    xhr.upload.onload = function () { bar.value = 0; };
    // the answer is JSON lines: {"checking": name, "done": i, "total": n} per file, then {"result": ...}
    var seen = 0;
    function lines() {
      var text = xhr.responseText, out = [], end;
      while ((end = text.indexOf("\n", seen)) >= 0) {
        try { out.push(JSON.parse(text.slice(seen, end))); } catch (e) { /* not a line of ours */ }
        seen = end + 1;
      }
      return out;
    }
    var result = null;
    function read() {
      lines().forEach(function (line) {
        if (line.result) { result = line.result; return; }
        if (line.checking === undefined) return;
        bar.value = line.done / line.total;
        status.textContent = fill(status.dataset.checking, {done: line.done + 1, total: line.total,
          name: line.checking});
      });
    }
    xhr.onprogress = function () { if (xhr.status === 200) read(); };
    xhr.onload = function () {
      var data = null;
      if (xhr.status === 200) {
        read();
      } else {
        try { data = JSON.parse(xhr.responseText); } catch (e) { data = null; }
      }
      bar.value = 1;
      if (result) {
        show(result);
      } else {
        box.hidden = true;
        refusal.textContent = data && data.error ? data.error : xhr.status + " " + xhr.statusText;
        refusal.hidden = false;
      }
      input.value = "";
    };
    xhr.onerror = function () {
      box.hidden = true;
      refusal.textContent = status.dataset.failed;
      refusal.hidden = false;
      input.value = "";
    };
    xhr.send(form);
  }

  input.addEventListener("change", function () { upload(input.files); });
  ["dragenter", "dragover"].forEach(function (t) {
    drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (t) {
    drop.addEventListener(t, function () { drop.classList.remove("over"); });
  });
  drop.addEventListener("drop", function (e) { e.preventDefault(); upload(e.dataTransfer.files); });
})();
