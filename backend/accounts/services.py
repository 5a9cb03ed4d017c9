import logging
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator, default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from knox.models import AuthToken

from accounts.models import User
from audit.services import audit_record
from core.queues import task_enqueue

logger = logging.getLogger("accounts")

# The tasks (accounts.tasks) this module enqueues, by their names.
RESET_EMAIL_TASK = "accounts.send_password_reset_email"
REGISTRATION_ATTEMPT_EMAIL_TASK = "accounts.send_registration_attempt_email"
EMAIL_CONFIRMATION_TASK = "accounts.send_email_confirmation"


class EmailConfirmationTokenGenerator(PasswordResetTokenGenerator):
    """Tokens of the confirmation link: they expire as reset links do (PASSWORD_RESET_TIMEOUT)
    and stop working once the address is confirmed (the confirmation time is in the hash)."""

    key_salt = "accounts.services.EmailConfirmationTokenGenerator"

    def _make_hash_value(self, user: Any, timestamp: int) -> str:
        return f"{user.pk}{user.password}{user.email_confirmed_at}{user.is_active}{timestamp}{user.email}"


email_confirmation_tokens = EmailConfirmationTokenGenerator()


def _link(url: str, user: User, tokens: PasswordResetTokenGenerator) -> str:
    """``url?uid=…&token=…``: a signed one-user link (reset, confirmation)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return f"{url}?{urlencode({'uid': uid, 'token': tokens.make_token(user)})}"


def _user_of_uid(uid: str, users: QuerySet[User]) -> User | None:
    """The user among ``users`` whose id a link's ``uid`` encodes; None for a bad ``uid``."""
    try:
        user_pk = int(force_str(urlsafe_base64_decode(uid)))
    except (TypeError, ValueError, OverflowError, UnicodeDecodeError):
        return None
    return users.filter(pk=user_pk).first()


def _mail_in_language(user: User, templates: dict[str, tuple[str, str]], **fields: str) -> None:
    """Send ``user`` the e-mail of ``templates`` in their language (English when it has none),
    its ``{name}`` and ``fields`` filled in."""
    subject, body = templates.get(user.language, templates["en"])
    send_mail(
        subject=subject,
        message=body.format(name=user.first_name or user.email, **fields),
        from_email=None,
        recipient_list=[user.email],
    )


def user_awaits_confirmation(user: User) -> bool:
    """Registered but the address not confirmed yet (a deactivated account has been confirmed)."""
    return not user.is_active and user.email_confirmed_at is None


def email_confirmation_request(*, user: User) -> None:
    """E-mail the link that confirms a new account's address, after commit.

    Until it is opened the account cannot sign in, and signing in with it fails exactly as a
    wrong password does: registering an address and then signing in tells nobody whether the
    address already had an account. If the broker is down the e-mail is sent inline.
    """
    link = _link(f"{settings.MEDMATCH_PUBLIC_URL.rstrip('/')}/confirm-email", user, email_confirmation_tokens)
    transaction.on_commit(lambda: _enqueue_email_confirmation(user_id=user.pk, link=link))


def _enqueue_email_confirmation(*, user_id: int, link: str) -> None:
    if not task_enqueue(
        EMAIL_CONFIRMATION_TASK, user_id, link, failure_event="accounts.email_confirmation_enqueue_failed"
    ):
        email_confirmation_email_send(user_id=user_id, link=link)


def email_confirmation_email_send(*, user_id: int, link: str) -> None:
    """Send the confirmation e-mail in the user's language (not once the address is confirmed)."""
    user = User.objects.filter(pk=user_id).first()
    if user is not None and user_awaits_confirmation(user):
        _mail_in_language(user, EMAIL_CONFIRMATION_EMAIL, link=link)


@transaction.atomic
def email_confirm(*, uid: str, token: str) -> User:
    """Confirm an address from its e-mailed link: the account may sign in from now on."""
    user = _user_of_uid(uid, User.objects.select_for_update())
    if (
        user is None
        or not user_awaits_confirmation(user)
        or not email_confirmation_tokens.check_token(user, token)
    ):
        used = ValidationError(
            "This confirmation link is invalid, has expired or was already used.", code="invalid_token"
        )
        raise ValidationError({"token": [used]})
    user.is_active = True
    user.email_confirmed_at = timezone.now()
    user.save(update_fields=["is_active", "email_confirmed_at"])
    audit_record(actor=user, action="user.email_confirmed", target=user)
    return user


def registration_attempt_notify(*, user: User) -> None:
    """Someone tried to register an address that has an account: e-mail its owner after commit
    (an account still awaiting confirmation gets its confirmation link again instead)."""
    logger.info("accounts.registration_attempt_for_existing_account user=%s", user.pk)
    if user_awaits_confirmation(user):
        email_confirmation_request(user=user)
        return
    transaction.on_commit(lambda: _enqueue_registration_attempt_email(user_id=user.pk))


def _enqueue_registration_attempt_email(*, user_id: int) -> None:
    # If the broker is down, send it from this process.
    if not task_enqueue(
        REGISTRATION_ATTEMPT_EMAIL_TASK, user_id, failure_event="accounts.registration_attempt_enqueue_failed"
    ):
        registration_attempt_email_send(user_id=user_id)


def registration_attempt_email_send(*, user_id: int) -> None:
    """Tell an account's owner, in their language, that someone tried to register their
    address again, with the sign-in and the password-reset links."""
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return
    base = settings.MEDMATCH_PUBLIC_URL.rstrip("/")
    _mail_in_language(
        user, REGISTRATION_ATTEMPT_EMAIL, sign_in=f"{base}/login", reset=f"{base}/forgot-password"
    )


def user_public_profile(*, user: User) -> dict[str, Any]:
    return {
        "id": user.pk,
        "email": user.email,
        "full_name": user.first_name,
        "role": user.role,
        "organization_id": user.organization_id,
        "language": user.language,
    }


def password_change(*, user: User, old_password: str, new_password: str) -> User:
    """Replace a signed-in user's password after checking the current one.

    The one place a password changes on the user's own initiative (the reset flow ends here
    too), so that revoking the user's API tokens or sessions can be added in one spot.
    """
    if not user.check_password(old_password):
        raise ValidationError({"old_password": ["The current password is wrong."]}, code="invalid_password")
    return password_set(user=user, new_password=new_password)


@transaction.atomic
def password_set(*, user: User, new_password: str) -> User:
    """Validate and store a new password (change and reset both end here)."""
    try:
        validate_password(new_password, user)
    except ValidationError as exc:
        raise ValidationError({"new_password": exc.error_list}) from exc
    user.set_password(new_password)
    user.save(update_fields=["password"])
    # Every API token dies with the old password; sessions too (Django's session hash is
    # derived from the password hash), but for the one the change API keeps signed in.
    token_revoke_all(user=user)
    audit_record(actor=user, action="user.password_changed", target=user)
    return user


def token_create(*, user: User) -> tuple[AuthToken, str]:
    """A new API token for ``user`` (it expires after REST_KNOX's TOKEN_TTL); returns the stored
    token and its key, which is shown this once (only a hash is kept)."""
    instance, key = AuthToken.objects.create(user=user)
    return instance, key


def token_revoke(*, token: AuthToken) -> None:
    token.delete()


def token_revoke_all(*, user: User) -> int:
    """Delete every API token of ``user``; returns how many there were."""
    deleted: int = AuthToken.objects.filter(user=user).delete()[0]
    return deleted


@transaction.atomic
def user_sign_out_everywhere(*, user: User) -> None:
    """End every session and revoke every API token of ``user`` (the caller ends its own session)."""
    revoked = token_revoke_all(user=user)
    User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    user.refresh_from_db(fields=["session_generation"])
    audit_record(actor=user, action="user.signed_out_everywhere", target=user)
    logger.info("accounts.signed_out_everywhere user=%s tokens=%s", user.pk, revoked)


def password_reset_request(*, email: str, reset_url: str) -> None:
    """E-mail a one-time reset link to the active account with this address, if there is one.

    Answers the same whether or not the account exists (no account enumeration). The link
    is ``reset_url?uid=…&token=…``; Django's token generator makes it expire
    (``PASSWORD_RESET_TIMEOUT``) and stop working once the password has changed. The e-mail
    goes out from the notifications queue after commit; if the broker is down it is sent
    inline instead.
    """
    user = User.objects.filter(username=email.strip().lower(), is_active=True).first()
    if user is None or not user.has_usable_password():
        return
    link = _link(reset_url, user, default_token_generator)
    transaction.on_commit(lambda: _enqueue_password_reset_email(user_id=user.pk, link=link))


def _enqueue_password_reset_email(*, user_id: int, link: str) -> None:
    # If the broker is down, send it from this process.
    if not task_enqueue(
        RESET_EMAIL_TASK, user_id, link, failure_event="accounts.password_reset_enqueue_failed"
    ):
        password_reset_email_send(user_id=user_id, link=link)


def password_reset_email_send(*, user_id: int, link: str) -> None:
    """Send the reset e-mail in the user's language."""
    user = User.objects.filter(pk=user_id).first()
    if user is not None:
        _mail_in_language(user, PASSWORD_RESET_EMAIL, link=link)


def password_reset_confirm(*, uid: str, token: str, new_password: str) -> User:
    """Set a new password from an e-mailed link; the link then stops working."""
    user = _user_of_uid(uid, User.objects.filter(is_active=True))
    if user is None or not default_token_generator.check_token(user, token):
        raise ValidationError(
            {"token": ["This reset link is invalid or has expired. Ask for a new one."]},
            code="invalid_token",
        )
    return password_set(user=user, new_password=new_password)


# Subject and body of the reset e-mail per UI language; {name} and {link} are filled in.
PASSWORD_RESET_EMAIL: dict[str, tuple[str, str]] = {
    "en": (
        "Reset your MedMatch password",
        "Hello {name},\n\nSomeone asked to reset the password of your MedMatch account. "
        "To choose a new one, open this link:\n\n{link}\n\n"
        "If it was not you, ignore this e-mail; your password stays as it is.\n",
    ),
    "zh": (
        "重置您的 MedMatch 密码",
        "{name}，您好：\n\n有人请求重置您的 MedMatch 账户密码。请打开以下链接设置新密码：\n\n{link}\n\n"
        "如果不是您本人操作，请忽略本邮件，您的密码不会改变。\n",
    ),
    "fr": (
        "Réinitialisez votre mot de passe MedMatch",
        "Bonjour {name},\n\nUne réinitialisation du mot de passe de votre compte MedMatch a été "
        "demandée. Pour en choisir un nouveau, ouvrez ce lien :\n\n{link}\n\n"
        "Si ce n'était pas vous, ignorez ce message ; votre mot de passe ne change pas.\n",
    ),
    "es": (
        "Restablezca su contraseña de MedMatch",
        "Hola {name}:\n\nSe ha solicitado restablecer la contraseña de su cuenta de MedMatch. "
        "Para elegir una nueva, abra este enlace:\n\n{link}\n\n"
        "Si no fue usted, ignore este mensaje; su contraseña no cambia.\n",
    ),
    "ru": (
        "Сброс пароля MedMatch",
        "Здравствуйте, {name}!\n\nПоступил запрос на сброс пароля вашей учётной записи MedMatch. "
        "Чтобы задать новый пароль, откройте ссылку:\n\n{link}\n\n"
        "Если это были не вы, проигнорируйте письмо; пароль останется прежним.\n",
    ),
    "ar": (
        "إعادة تعيين كلمة مرور MedMatch",
        "مرحبًا {name}،\n\nطلب أحدهم إعادة تعيين كلمة مرور حسابك في MedMatch. "
        "لاختيار كلمة مرور جديدة، افتح هذا الرابط:\n\n{link}\n\n"
        "إذا لم تكن أنت، فتجاهل هذه الرسالة؛ ستبقى كلمة مرورك كما هي.\n",
    ),
}


# Subject and body of the e-mail to an account's owner when their address is registered
# again; {name}, {sign_in} and {reset} are filled in.
REGISTRATION_ATTEMPT_EMAIL: dict[str, tuple[str, str]] = {
    "en": (
        "Your MedMatch account already exists",
        "Hello {name},\n\nSomeone tried to register a new MedMatch account with this e-mail "
        "address, which already has one. Nothing was changed.\n\n"
        "If it was you, sign in here:\n{sign_in}\n\nForgot your password? Choose a new one here:\n{reset}\n\n"
        "If it was not you, you can ignore this e-mail.\n",
    ),
    "zh": (
        "您的 MedMatch 账户已存在",
        "{name}，您好：\n\n有人尝试用此电子邮件地址注册新的 MedMatch 账户，但该地址已有账户。"
        "账户未做任何更改。\n\n如果是您本人，请在此登录：\n{sign_in}\n\n"
        "忘记密码？请在此设置新密码：\n{reset}\n\n如果不是您本人操作，请忽略本邮件。\n",
    ),
    "fr": (
        "Votre compte MedMatch existe déjà",
        "Bonjour {name},\n\nQuelqu'un a tenté de créer un compte MedMatch avec cette adresse "
        "e-mail, qui en a déjà un. Rien n'a été modifié.\n\n"
        "Si c'était vous, connectez-vous ici :\n{sign_in}\n\n"
        "Mot de passe oublié ? Choisissez-en un nouveau ici :\n{reset}\n\n"
        "Si ce n'était pas vous, ignorez ce message.\n",
    ),
    "es": (
        "Su cuenta de MedMatch ya existe",
        "Hola {name}:\n\nAlguien intentó registrar una cuenta nueva de MedMatch con esta dirección "
        "de correo, que ya tiene una. No se ha cambiado nada.\n\n"
        "Si fue usted, inicie sesión aquí:\n{sign_in}\n\n"
        "¿Olvidó su contraseña? Elija una nueva aquí:\n{reset}\n\n"
        "Si no fue usted, ignore este mensaje.\n",
    ),
    "ru": (
        "Ваша учётная запись MedMatch уже существует",
        "Здравствуйте, {name}!\n\nКто-то попытался зарегистрировать новую учётную запись MedMatch "
        "с этим адресом электронной почты, но для него уже есть учётная запись. Ничего не изменено.\n\n"
        "Если это были вы, войдите здесь:\n{sign_in}\n\n"
        "Забыли пароль? Задайте новый здесь:\n{reset}\n\n"
        "Если это были не вы, проигнорируйте письмо.\n",
    ),
    "ar": (
        "حسابك في MedMatch موجود بالفعل",
        "مرحبًا {name}،\n\nحاول أحدهم تسجيل حساب جديد في MedMatch بعنوان البريد الإلكتروني هذا، "
        "وله حساب بالفعل. لم يتغير شيء.\n\n"
        "إذا كنت أنت، فسجّل الدخول من هنا:\n{sign_in}\n\n"
        "هل نسيت كلمة المرور؟ اختر كلمة جديدة من هنا:\n{reset}\n\n"
        "إذا لم تكن أنت، فتجاهل هذه الرسالة.\n",
    ),
}


# Subject and body of the e-mail that confirms a new account's address; {name} and {link}.
EMAIL_CONFIRMATION_EMAIL: dict[str, tuple[str, str]] = {
    "en": (
        "Confirm your e-mail address for MedMatch",
        "Hello {name},\n\nTo finish registering your MedMatch account, confirm this address by "
        "opening this link:\n\n{link}\n\nThen sign in with the password you chose.\n\n"
        "If you did not register, ignore this e-mail; no account is opened without this step.\n",
    ),
    "zh": (
        "请确认您在 MedMatch 的电子邮件地址",
        "{name}，您好：\n\n要完成 MedMatch 账户注册，请打开以下链接确认此地址：\n\n{link}\n\n"
        "然后用您设置的密码登录。\n\n如果您没有注册，请忽略本邮件；未经此步骤不会开通任何账户。\n",
    ),
    "fr": (
        "Confirmez votre adresse e-mail pour MedMatch",
        "Bonjour {name},\n\nPour terminer l'inscription de votre compte MedMatch, confirmez cette "
        "adresse en ouvrant ce lien :\n\n{link}\n\nConnectez-vous ensuite avec le mot de passe choisi.\n\n"
        "Si vous ne vous êtes pas inscrit, ignorez ce message ; aucun compte n'est ouvert "
        "sans cette étape.\n",
    ),
    "es": (
        "Confirme su dirección de correo para MedMatch",
        "Hola {name}:\n\nPara terminar de registrar su cuenta de MedMatch, confirme esta dirección "
        "abriendo este enlace:\n\n{link}\n\nLuego inicie sesión con la contraseña que eligió.\n\n"
        "Si no se registró, ignore este mensaje; no se abre ninguna cuenta sin este paso.\n",
    ),
    "ru": (
        "Подтвердите адрес электронной почты для MedMatch",
        "Здравствуйте, {name}!\n\nЧтобы завершить регистрацию учётной записи MedMatch, подтвердите "
        "этот адрес, открыв ссылку:\n\n{link}\n\nЗатем войдите с выбранным паролем.\n\n"
        "Если вы не регистрировались, проигнорируйте письмо; без этого шага учётная запись не открывается.\n",
    ),
    "ar": (
        "أكّد عنوان بريدك الإلكتروني في MedMatch",
        "مرحبًا {name}،\n\nلإكمال تسجيل حسابك في MedMatch، أكّد هذا العنوان بفتح هذا الرابط:\n\n{link}\n\n"
        "ثم سجّل الدخول بكلمة المرور التي اخترتها.\n\n"
        "إذا لم تسجّل، فتجاهل هذه الرسالة؛ لا يُفتح أي حساب دون هذه الخطوة.\n",
    ),
}
