"""The spawn form, drawn from the compute service's offers (pure: offers in, HTML out).

JupyterHub's spawn page is Bootstrap 5: environments are cards with a radio each, instance types a table with a
radio each (vCPUs, memory, GPUs and model, price per hour), a "GPU only" switch narrows the table, and the back end
is a select when more than one is configured. Types a back end cannot offer are greyed out with the reason.
"""
from html import escape

FORM_SCRIPT = """
<script>
(function () {
  const form = document.currentScript.closest('form') || document;
  const gpuOnly = form.querySelector('#bighead-gpu-only');
  const backend = form.querySelector('#bighead-backend');
  function refresh() {
    const b = backend ? backend.value : form.querySelector('[data-bighead-default-backend]').dataset.bigheadDefaultBackend;
    form.querySelectorAll('tr[data-bighead-type]').forEach(function (row) {
      const offered = (row.dataset.offeredOn || '').split(' ').includes(b);
      const hidden = gpuOnly && gpuOnly.checked && row.dataset.gpus === '0';
      row.hidden = hidden;
      const radio = row.querySelector('input[type=radio]');
      radio.disabled = !offered;
      row.classList.toggle('text-body-secondary', !offered);
      const why = row.querySelector('.bighead-unavailable');
      if (why) { why.textContent = offered ? '' : (JSON.parse(row.dataset.unavailable || '{}')[b] || ''); }
      if (!offered && radio.checked) { radio.checked = false; }
    });
  }
  if (gpuOnly) gpuOnly.addEventListener('change', refresh);
  if (backend) backend.addEventListener('change', refresh);
  refresh();
})();
</script>
"""


def _gib(mib):
    return f"{mib // 1024} GiB" if mib % 1024 == 0 else f"{mib / 1024:.1f} GiB"


def _price(value):
    return "?" if value is None else f"${value:.3f}/h"


def render(offers, chosen=None):
    """The form's HTML; `chosen` ({"environment", "instance_type", "backend"}) preselects the last choice."""
    import json

    chosen = chosen or {}
    backends = offers["backends"]
    backend = chosen.get("backend") if chosen.get("backend") in backends else backends[0]
    environments = offers["environments"]
    env_names = [e["name"] for e in environments]
    env_choice = chosen.get("environment") if chosen.get("environment") in env_names else (env_names or [None])[0]
    types = offers["instance_types"]
    offered_here = [t["name"] for t in types if backend in t["offered_on"]]
    type_choice = chosen.get("instance_type") if chosen.get("instance_type") in offered_here else (
        offered_here or [None])[0]

    out = [f'<div class="bighead-spawn-form" data-bighead-default-backend="{escape(backend)}">']
    out.append('<h5 class="mt-2">Environment</h5><div class="row row-cols-1 row-cols-md-2 g-2 mb-3">')
    for e in environments:
        name = escape(e["name"])
        badge = ('<span class="badge text-bg-success">GPU</span>' if e.get("gpu")
                 else '<span class="badge text-bg-secondary">CPU</span>')
        derived = f' <span class="text-body-secondary small">from {escape(e["from"])}</span>' if e.get("from") else ""
        checked = " checked" if e["name"] == env_choice else ""
        out.append(
            f'<div class="col"><label class="card h-100" for="bighead-env-{name}"><div class="card-body">'
            f'<div class="form-check"><input class="form-check-input" type="radio" name="environment" '
            f'id="bighead-env-{name}" value="{name}"{checked}> '
            f'<span class="card-title fw-semibold">{name}</span> {badge} '
            f'<span class="text-body-secondary small">Java {int(e.get("jdk") or 0)}</span>{derived}</div>'
            f'<p class="card-text small mb-0">{escape(e.get("description") or "")}</p></div></label></div>')
    out.append("</div>")

    if len(backends) > 1:
        out.append('<div class="mb-3"><label class="form-label" for="bighead-backend">Run on</label>'
                   '<select class="form-select" id="bighead-backend" name="backend">')
        labels = {"docker": "this machine (local Docker)", "ec2": "AWS EC2"}
        for b in backends:
            selected = " selected" if b == backend else ""
            out.append(f'<option value="{escape(b)}"{selected}>{escape(labels.get(b, b))}</option>')
        out.append("</select></div>")
    else:
        out.append(f'<input type="hidden" name="backend" value="{escape(backend)}">')

    out.append('<div class="d-flex align-items-center justify-content-between"><h5 class="mt-2">Instance type</h5>'
               '<div class="form-check form-switch"><input class="form-check-input" type="checkbox" '
               'id="bighead-gpu-only"><label class="form-check-label" for="bighead-gpu-only">GPU only</label>'
               '</div></div>')
    out.append('<div style="max-height: 28rem; overflow-y: auto">')
    out.append('<table class="table table-sm table-hover align-middle"><thead><tr><th></th><th>Type</th>'
               '<th class="text-end">vCPU</th><th class="text-end">Memory</th><th>GPU</th>'
               '<th class="text-end">Price</th><th></th></tr></thead><tbody>')
    for t in types:
        name = escape(t["name"])
        gpus = int(t.get("gpus") or 0)
        gpu = f'{gpus}× {escape(t.get("gpu_model") or "GPU")}' if gpus else "-"
        offered = backend in t["offered_on"]
        checked = " checked" if t["name"] == type_choice else ""
        disabled = "" if offered else " disabled"
        why = "" if offered else escape(t.get("unavailable", {}).get(backend, ""))
        out.append(
            f'<tr data-bighead-type="{name}" data-gpus="{gpus}" '
            f'data-offered-on="{escape(" ".join(t["offered_on"]))}" '
            f"data-unavailable='{escape(json.dumps(t.get('unavailable', {})), quote=True)}'>"
            f'<td><input class="form-check-input" type="radio" name="instance_type" id="bighead-type-{name}" '
            f'value="{name}"{checked}{disabled}></td>'
            f'<td><label for="bighead-type-{name}">{name}</label></td>'
            f'<td class="text-end">{int(t["vcpus"])}</td><td class="text-end">{_gib(int(t["memory_mib"]))}</td>'
            f'<td>{gpu}</td><td class="text-end">{_price(t.get("price_per_hour"))}</td>'
            f'<td class="small bighead-unavailable">{why}</td></tr>')
    out.append("</tbody></table></div></div>")
    out.append(FORM_SCRIPT)
    return "\n".join(out)


def options_from_form(formdata):
    """The form's fields as user_options: the same keys the REST API takes."""
    options = {}
    for key in ("environment", "instance_type", "backend"):
        values = formdata.get(key) or []
        if values and values[0]:
            options[key] = values[0]
    return options
