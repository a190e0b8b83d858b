"""The QR code on the referral slip: inline SVG drawn here, so printing needs no third party."""
import segno
from markupsafe import Markup


def qr_svg(url: str, title: str) -> Markup:
    return Markup(segno.make(url, error="m").svg_inline(scale=3, title=title, dark="#000", light="#fff"))
