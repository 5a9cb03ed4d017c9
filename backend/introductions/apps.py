from django.apps import AppConfig


class IntroductionsConfig(AppConfig):
    name = "introductions"

    def ready(self) -> None:
        from introductions.services import introduction_approved
        from matching.services import proposal_approval_hook_register

        proposal_approval_hook_register(introduction_approved)
