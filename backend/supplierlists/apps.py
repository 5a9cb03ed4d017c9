from django.apps import AppConfig


class SupplierListsConfig(AppConfig):
    name = "supplierlists"
    verbose_name = "Supplier lists"
