import pytest

from tests.accounts.test_admin_sign_in import PASSWORD


@pytest.fixture
def admin_user(django_user_model, home):
    return django_user_model.objects.create_user(username="admin", password=PASSWORD, is_staff=True, is_superuser=True)
