"""The demo's fixed material: names, cities, ports, buyers, end users, description
templates, the demo accounts' password and the certificates' tiny PDF.
"""

from organizations.models import (
    BuyerType,
)

DEMO_PASSWORD = "medmatch-demo"  # noqa: S105  published demo accounts, never in production data

# A tiny well-formed PDF, stored as the demo certificates' file.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 3 3]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)

CHINESE_CITIES = [
    ("武汉", "Wuhan"),
    ("上海", "Shanghai"),
    ("深圳", "Shenzhen"),
    ("广州", "Guangzhou"),
    ("杭州", "Hangzhou"),
    ("宁波", "Ningbo"),
    ("苏州", "Suzhou"),
    ("天津", "Tianjin"),
    ("南京", "Nanjing"),
    ("厦门", "Xiamen"),
    ("青岛", "Qingdao"),
    ("成都", "Chengdu"),
    ("长沙", "Changsha"),
    ("郑州", "Zhengzhou"),
    ("石家庄", "Shijiazhuang"),
]
CHINESE_WORDS = [
    ("新华", "Xinhua"),
    ("康泰", "Kangtai"),
    ("华康", "Huakang"),
    ("瑞德", "Ruide"),
    ("安信", "Anxin"),
    ("恒瑞", "Hengrui"),
    ("博爱", "Boai"),
    ("金盾", "Jindun"),
    ("健民", "Jianmin"),
    ("天成", "Tiancheng"),
    ("永康", "Yongkang"),
    ("德信", "Dexin"),
    ("仁和", "Renhe"),
    ("广益", "Guangyi"),
    ("长城", "Changcheng"),
]
CHINESE_TRADES = [
    ("医疗器械有限公司", "Medical Devices Co., Ltd."),
    ("医用材料有限公司", "Medical Materials Co., Ltd."),
    ("防护用品有限公司", "Protective Products Co., Ltd."),
    ("生物科技有限公司", "Biotechnology Co., Ltd."),
    ("卫生用品有限公司", "Hygiene Products Co., Ltd."),
]
OTHER_VENDORS = [
    ("DE", "Hamburg", "Nordmed Schutzausrüstung GmbH"),
    ("DE", "Munich", "Alpen Medizintechnik GmbH"),
    ("GB", "Leeds", "Lakeside Healthcare Supplies Ltd"),
    ("FR", "Lyon", "Laboratoires Santé Plus SAS"),
    ("ES", "Valencia", "Suministros Médicos Levante S.L."),
    ("IT", "Bologna", "Emilia Dispositivi Medici S.r.l."),
    ("TR", "Istanbul", "Boğaziçi Tıbbi Malzeme A.Ş."),
    ("KR", "Seoul", "Hanbit Bio Diagnostics Co."),
    ("IN", "Mumbai", "Western Surgicals Pvt Ltd"),
    ("MY", "Kuala Lumpur", "Klang Valley Gloves Sdn Bhd"),
    ("VN", "Hanoi", "Song Hong Medical JSC"),
    ("US", "Cleveland", "Great Lakes Respiratory Inc."),
    ("RU", "Kazan", "ООО «Волга Медтех»"),
    ("AE", "Dubai", "Gulf Medical Trading LLC"),
    ("BR", "Curitiba", "Paraná Equipamentos Médicos Ltda"),
]
BUYERS = [
    (BuyerType.EMBASSY, "FR", "Paris", "Embassy of France — Economic Section"),
    (BuyerType.EMBASSY, "PE", "Lima", "Embajada del Perú — Oficina Comercial"),
    (BuyerType.EMBASSY, "IT", "Rome", "Embassy of Italy — Trade Office"),
    (BuyerType.EMBASSY, "RS", "Belgrade", "Embassy of Serbia"),
    (BuyerType.EMBASSY, "PK", "Islamabad", "Embassy of Pakistan — Commercial Section"),
    (BuyerType.EMBASSY, "KZ", "Astana", "Посольство Республики Казахстан"),
    (BuyerType.EMBASSY, "EG", "Cairo", "سفارة جمهورية مصر العربية"),
    (BuyerType.CHAMBER, "ES", "Madrid", "Cámara de Comercio de Madrid"),
    (BuyerType.CHAMBER, "MA", "Casablanca", "Chambre de Commerce de Casablanca"),
    (BuyerType.AGENCY, "RS", "Belgrade", "Republic Fund for Health Insurance"),
    (BuyerType.AGENCY, "NG", "Abuja", "National Primary Health Care Agency"),
    (BuyerType.AGENCY, "CL", "Santiago", "CENABAST"),
    (BuyerType.HOSPITAL, "FR", "Lyon", "Hôpital Édouard Herriot"),
    (BuyerType.HOSPITAL, "IT", "Bergamo", "Ospedale Papa Giovanni XXIII"),
    (BuyerType.HOSPITAL, "ES", "Madrid", "Hospital Universitario La Paz"),
    (BuyerType.HOSPITAL, "RU", "Moscow", "Городская клиническая больница № 52"),
    (BuyerType.HOSPITAL, "SA", "Riyadh", "مستشفى الملك فيصل التخصصي"),
    (BuyerType.HOSPITAL, "US", "New York", "Elmhurst Hospital Center"),
    (BuyerType.HOSPITAL, "GB", "London", "St Thomas' Hospital"),
    (BuyerType.DISTRIBUTOR, "DE", "Frankfurt", "MediLog Distribution GmbH"),
    (BuyerType.DISTRIBUTOR, "BR", "São Paulo", "Distribuidora Hospitalar Paulista"),
    (BuyerType.DISTRIBUTOR, "AU", "Sydney", "Harbour Medical Distribution Pty Ltd"),
    (BuyerType.NGO, "CH", "Geneva", "Health Without Borders"),
    (BuyerType.NGO, "KE", "Nairobi", "Afya Relief Network"),
    (BuyerType.NGO, "IQ", "Baghdad", "منظمة الإغاثة الطبية"),
]
END_USERS = [
    "Hôpital Édouard Herriot",
    "Ospedale Papa Giovanni XXIII",
    "Hospital Universitario La Paz",
    "Городская клиническая больница № 52",
    "Regional Hospital Nord",
    "Central Military Hospital",
]
PORTS = {
    "CN": ["Shanghai", "Ningbo", "Shenzhen", "Tianjin", "Xiamen"],
    "DE": ["Hamburg"],
    "GB": ["Felixstowe"],
}
CURRENCY_BY_COUNTRY = {"CN": "CNY", "US": "USD", "GB": "GBP", "IN": "INR", "KR": "KRW", "RU": "RUB"}
EURO_COUNTRIES = {"DE", "FR", "ES", "IT", "AT", "NL", "BE", "PT", "FI", "IE"}
MODEL_WORDS = ["Pro", "Plus", "S", "X", "Care", "Safe", "Med", "Shield"]
DESCRIPTION_TEMPLATES = {
    "en": "{name}. Daily capacity {capacity:,} {unit}s, minimum order {moq:,}. Ships from {port}.",
    "zh": "{name}。日产能 {capacity:,} {unit}，起订量 {moq:,}，{port}港发货。",
    "fr": "{name}. Capacité journalière {capacity:,} unités, commande minimale {moq:,}.",
    "es": "{name}. Capacidad diaria {capacity:,} unidades, pedido mínimo {moq:,}.",
}


REQUEST_LANGUAGE_BY_COUNTRY = {
    "FR": "fr",
    "MA": "fr",
    "ES": "es",
    "PE": "es",
    "CL": "es",
    "RU": "ru",
    "KZ": "ru",
    "EG": "ar",
    "SA": "ar",
    "IQ": "ar",
}
