from django.core import checks

from partnerkit.method import partner_kinds


@checks.register()
def partner_kinds_match_the_method(app_configs, **kwargs):
    """The database choices and the method's catalogue must name the same kinds."""
    from partnerkit.partners.models import PartnerKind

    in_model, in_method = set(PartnerKind.values), set(partner_kinds.BY_CODE)
    if in_model == in_method:
        return []
    return [
        checks.Error(
            "PartnerKind and partnerkit.method.partner_kinds.KINDS differ: "
            f"only in the model {sorted(in_model - in_method)}, "
            f"only in the method {sorted(in_method - in_model)}.",
            id="partners.E001",
        )
    ]
