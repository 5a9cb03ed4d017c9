"""Reading certificate PDFs the way a person does: rendered, then the QR code scanned."""

import pypdfium2
import zxingcpp


def pdf_qr_codes(pdf: bytes, *, page: int = 0, scale: float = 3) -> list[str]:
    """The texts of the QR codes on ``page`` of ``pdf``, rendered by PDFium and decoded by zxing-cpp."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[page].render(scale=scale).to_pil()
    finally:
        document.close()
    codes = zxingcpp.read_barcodes(image)
    return [code.text for code in codes if code.format == zxingcpp.BarcodeFormat.QRCode]
