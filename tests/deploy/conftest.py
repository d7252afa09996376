import subprocess
import sys

import pytest
from django.db import connection

from tests.deploy.content import add_small_site, copy_database, psql_arguments
from tests.deploy.servers import REPO, production_environment
from tests.postgres_cluster import BIN


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """`collectstatic` as production runs it, once for every server the deployment tests start."""
    folder = tmp_path_factory.mktemp("static")
    environment = production_environment(STATIC_ROOT=str(folder))
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=REPO, env=environment, check=True
    )
    return folder


@pytest.fixture(scope="session")
def site_database(django_db_setup):
    """The URL of a copy of the test database with a small site in it, for app servers to serve."""
    settings_dict = connection.settings_dict
    name = f"{settings_dict['NAME']}_deploy"
    server = psql_arguments(settings_dict)
    copy_database(server, settings_dict["NAME"], server, name)
    host, port = settings_dict["HOST"] or "127.0.0.1", settings_dict["PORT"] or 5432
    url = f"postgres://{settings_dict['USER']}@{host}:{port}/{name}"
    add_small_site(url)
    yield {"url": url, "name": name, "server": server}
    subprocess.run([BIN / "dropdb", *server, "--if-exists", "--force", name], check=False, capture_output=True)
