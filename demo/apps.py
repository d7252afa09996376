from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo site (`load_demo`), bulk content for benchmarks (`load_bulk`) and the builders they
    share with the tests' factories."""

    name = "demo"
    verbose_name = "Demo content"
