import re

from django import forms


class _CodeForm(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class TokenForm(_CodeForm):
    """The 6-digit code from an authenticator app.

    Django renders the label, the hint and any error with ids and links them to
    the input with aria-describedby (and sets aria-invalid on an error).
    """

    otp_token = forms.CharField(
        label="6-digit code",
        help_text="The code your authenticator app shows now. It changes every 30 seconds.",
        max_length=12,
        error_messages={"required": "Enter the 6-digit code from your authenticator app."},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autocapitalize": "off",
                "spellcheck": "false",
                "size": "8",
            }
        ),
    )

    def clean_otp_token(self):
        token = re.sub(r"[\s-]", "", self.cleaned_data["otp_token"])
        if not re.fullmatch(r"\d{6}", token):
            raise forms.ValidationError("Enter the 6-digit code, such as 123456.")
        return token


class BackupCodeForm(_CodeForm):
    """One of the single-use backup codes given when two-factor authentication was set up."""

    backup_code = forms.CharField(
        label="Backup code",
        help_text="Each backup code works once.",
        max_length=24,
        error_messages={"required": "Enter one of your backup codes."},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "off",
                "spellcheck": "false",
                "size": "12",
            }
        ),
    )

    def clean_backup_code(self):
        return re.sub(r"[\s-]", "", self.cleaned_data["backup_code"]).lower()
