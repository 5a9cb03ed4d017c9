from collections.abc import Mapping
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import models

from audit.models import AuditEvent


def audit_record(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: str,
    target: models.Model,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Record one event; call it inside the transaction that makes the change."""
    return AuditEvent.objects.create(
        # By id: any user model will do, so audit (at the bottom) needs no accounts import.
        actor_id=actor.pk if actor is not None and actor.is_authenticated else None,
        action=action,
        content_type=ContentType.objects.get_for_model(target),
        object_id=str(target.pk),
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        data=data or {},
    )


def state_transition(
    *,
    target: models.Model,
    to_state: str,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: str,
    reason: str = "",
    field: str = "status",
    changes: Mapping[str, Any] | None = None,
    data: dict[str, Any] | None = None,
) -> str:
    """The one state move with its audit event: set ``target.<field>`` to ``to_state`` and the
    other ``changes``, save just those fields (and ``updated_at``), and record who moved it from
    which state to which, and why. The caller locks the row and checks that the move is allowed,
    in its transaction. Returns the state the target came from."""
    from_state = str(getattr(target, field))
    values = {field: to_state, **(changes or {})}
    for name, value in values.items():
        setattr(target, name, value)
    update_fields = list(values)
    if any(model_field.name == "updated_at" for model_field in target._meta.concrete_fields):
        update_fields.append("updated_at")
    target.save(update_fields=update_fields)
    audit_record(
        actor=actor,
        action=action,
        target=target,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        data=data,
    )
    return from_state
