"""The spawn form as pure HTML from the compute service's offers (hub-spawner/bighead_spawner/form.py), and the form's
fields as user_options: the same keys the REST API takes."""
import importlib.util
import unittest
from pathlib import Path

spec = importlib.util.spec_from_file_location(
    "bighead_form", Path(__file__).resolve().parent.parent / "hub-spawner" / "bighead_spawner" / "form.py")
form = importlib.util.module_from_spec(spec)
spec.loader.exec_module(form)

OFFERS = {
    "backends": ["docker", "ec2"],
    "environments": [
        {"name": "cpu", "description": "CPU <fast>", "gpu": False, "jdk": 17, "from": None},
        {"name": "gpu", "description": "CUDA", "gpu": True, "jdk": 17, "from": None},
        {"name": "maya-geo", "description": "", "gpu": False, "jdk": 17, "from": "cpu"},
    ],
    "instance_types": [
        {"name": "t3.medium", "vcpus": 2, "memory_mib": 4096, "gpus": 0, "gpu_model": None,
         "price_per_hour": 0.0416, "offered_on": ["docker", "ec2"], "unavailable": {}},
        {"name": "p3.2xlarge", "vcpus": 8, "memory_mib": 62464, "gpus": 1, "gpu_model": "NVIDIA V100",
         "price_per_hour": 3.06, "offered_on": ["ec2"], "unavailable": {"docker": "1 GPU(s); this host has none"}},
    ],
}


class SpawnFormTest(unittest.TestCase):
    def test_environments_are_cards_with_a_cpu_or_gpu_badge_and_text_is_escaped(self):
        html = form.render(OFFERS)
        self.assertIn('id="bighead-env-cpu" value="cpu" checked', html)
        self.assertIn('badge text-bg-success">GPU', html)
        self.assertIn("CPU &lt;fast&gt;", html)
        self.assertIn("from cpu", html)

    def test_types_show_vcpus_memory_gpus_and_price_and_what_the_back_end_cannot_offer_is_disabled(self):
        html = form.render(OFFERS)
        self.assertIn("1× NVIDIA V100", html)
        self.assertIn("$3.060/h", html)
        self.assertIn("61 GiB", html)
        self.assertRegex(html, r'value="p3\.2xlarge" disabled>')
        self.assertIn("1 GPU(s); this host has none", html)
        self.assertIn('id="bighead-gpu-only"', html)
        self.assertIn('<select class="form-select" id="bighead-backend" name="backend">', html)

    def test_the_last_choice_is_preselected_and_on_ec2_a_gpu_type_is_offered(self):
        html = form.render(OFFERS, {"environment": "gpu", "instance_type": "p3.2xlarge", "backend": "ec2"})
        self.assertIn('value="gpu" checked', html)
        self.assertRegex(html, r'value="p3\.2xlarge" checked>')
        self.assertIn('<option value="ec2" selected>', html)

    def test_one_back_end_is_a_hidden_field(self):
        html = form.render(dict(OFFERS, backends=["docker"]))
        self.assertIn('<input type="hidden" name="backend" value="docker">', html)

    def test_form_fields_become_the_rest_apis_user_options(self):
        self.assertEqual(form.options_from_form({"environment": ["cpu"], "instance_type": ["t3.medium"],
                                                 "backend": ["docker"], "_xsrf": ["x"]}),
                         {"environment": "cpu", "instance_type": "t3.medium", "backend": "docker"})
        self.assertEqual(form.options_from_form({}), {})


if __name__ == "__main__":
    unittest.main()
