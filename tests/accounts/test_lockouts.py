"""An outsider who knows an editor's username cannot lock that editor out of the admin."""

from django.test import Client

from tests.accounts.test_admin_sign_in import PASSWORD, backdate_attempts, is_signed_in, sign_in

OUTSIDER = "203.0.113.7"
EDITOR_AT_WORK = "198.51.100.9"


def test_five_wrong_passwords_from_an_outsider_lock_the_outsider_out_not_the_editor(admin_user):
    outsider = Client(REMOTE_ADDR=OUTSIDER)
    for _ in range(5):
        sign_in(outsider, "admin", "wrong-password")
    assert sign_in(outsider, "admin", PASSWORD).status_code == 429

    editor = Client(REMOTE_ADDR=EDITOR_AT_WORK)
    assert sign_in(editor, "admin").status_code == 302
    assert is_signed_in(editor)


def test_a_hundred_wrong_passwords_for_one_username_from_many_addresses_lock_it_everywhere(admin_user):
    # Four guesses from each of 25 addresses: no address reaches its own limits.
    answers = [
        sign_in(Client(REMOTE_ADDR=f"192.0.2.{n + 1}"), "admin", "wrong-password").status_code
        for n in range(25)
        for _ in range(4)
    ]
    assert set(answers[:99]) == {200}
    assert answers[99] == 429

    assert sign_in(Client(REMOTE_ADDR=EDITOR_AT_WORK), "admin").status_code == 429


def test_attempts_refused_during_a_lockout_do_not_make_it_last_longer(admin_user):
    outsider = Client(REMOTE_ADDR=OUTSIDER)
    for _ in range(5):
        sign_in(outsider, "admin", "wrong-password")
    backdate_attempts(minutes=10)
    for _ in range(10):
        assert sign_in(outsider, "admin", "wrong-password").status_code == 429

    # Fifteen minutes after the attempts that locked it, the lock is over.
    backdate_attempts(minutes=6)
    assert sign_in(outsider, "admin").status_code == 302
