import subprocess
import sys

import pytest

from tests.deploy.servers import REPO, production_environment


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """`collectstatic` as production runs it, once for every server the deployment tests start."""
    folder = tmp_path_factory.mktemp("static")
    environment = production_environment(STATIC_ROOT=str(folder))
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=REPO, env=environment, check=True
    )
    return folder
