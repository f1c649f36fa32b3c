from django import forms
from django.contrib.auth import forms as auth_forms
from django.template import loader
from django.utils.translation import gettext_lazy as _

from partnerkit.accounts.models import User
from partnerkit.core.tasks import send_email


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Sends the reset e-mail from the worker, so a slow mail server never stalls the page."""

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        send_email.enqueue(subject=subject, body=body, to=[to_email])


class SignUpForm(auth_forms.BaseUserCreationForm):
    """Creating an account while accepting an invitation."""

    email = forms.EmailField(label=_("E-mail"))

    class Meta(auth_forms.BaseUserCreationForm.Meta):
        model = User
        fields = ("username", "email")

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("An account with this e-mail exists; sign in instead to accept.")
            )
        return email


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("What is it for?"), max_length=100, required=False,
        help_text=_("E.g. “nightly import script”, so you know which token to revoke."),
    )
