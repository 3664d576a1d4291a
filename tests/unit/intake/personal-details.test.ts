/**
 * The message guard (issue 19, item 6): flags what looks like a full name, a phone or ID number, a home address or a
 * school in a request's message, and nothing in messages that carry no personal detail.
 */
import { describe, expect, it } from 'vitest';
import { findPersonalDetails, type PersonalDetailKind } from '#src/features/intake/personal-details.server.ts';

const kinds = (message: string): PersonalDetailKind[] => [
  ...new Set(findPersonalDetails(message).map((item) => item.kind)),
];

describe('the message guard flags details that identify someone', () => {
  it.each([
    ['Số căn cước của con tôi là 001203004567.', 'id-number', '001203004567'],
    ['CCCD: 001 203 004 567', 'id-number', '001 203 004 567'],
    ['Gọi cho tôi số 0912345678 nhé', 'phone', '0912345678'],
    ['Số của tôi 0912 345 678, buổi tối', 'phone', '0912 345 678'],
    ['call me on +84 912 345 678', 'phone', '+84 912 345 678'],
    ['Con tôi là Nguyễn Văn Minh, 16 tuổi.', 'full-name', 'Nguyễn Văn Minh'],
    ['Em tên là Thu Trang, em cần tư vấn', 'full-name', 'Thu Trang'],
    ['My son Tran Minh Duc started vaping', 'full-name', 'Tran Minh Duc'],
    ['my name is Anna Smith', 'full-name', 'Anna Smith'],
    ['Cháu học lớp 10 trường THPT Chu Văn An', 'school', 'trường THPT Chu Văn An'],
    ['Con học ở THCS Nguyễn Du từ năm ngoái', 'school', 'THCS Nguyễn Du'],
    ['She is in year 10 at Hanoi International School', 'school', 'Hanoi International School'],
    ['Nhà tôi ở số 12 ngõ 34 phố Huế', 'address', 'số 12 ngõ 34'],
    ['Nhà ở hẻm 45/7, gần chợ', 'address', 'hẻm 45/7'],
    ['Gia đình ở thôn Nà Lẹng', 'address', 'thôn Nà Lẹng'],
    ['We live at 12 Ly Thuong Kiet Street', 'address', '12 Ly Thuong Kiet Street'],
  ] as const)('%s → %s', (message, kind, text) => {
    expect(findPersonalDetails(message)).toContainEqual({ kind, text });
  });

  it('names every kind in one message, in a fixed order, each as written', () => {
    const message =
      'Con tôi Lê Thị Hoa, 15 tuổi, học trường THCS Kim Đồng, nhà số 7 ngõ 12, CCCD 001203004567, gọi 0987654321.';
    expect(kinds(message)).toEqual(['full-name', 'phone', 'id-number', 'address', 'school']);
  });

  it('does not take a 12-digit ID number for a phone number', () => {
    expect(kinds('001203004567')).toEqual(['id-number']);
  });
});

// Twenty messages a requester might write, with no detail that identifies anyone: none is flagged.
const CLEAN = [
  'Con tôi 16 tuổi dạo này hay bỏ học, thức khuya, tôi lo cháu dùng ma túy. Tôi nên nói chuyện với cháu thế nào?',
  'Chồng tôi dùng ma túy đá đã 2 năm, muốn cai nhưng sợ bị đưa vào trại. Có cách nào cai tại nhà không?',
  'Em 19 tuổi, có hút cần sa vài lần với bạn. Giờ em muốn dừng hẳn nhưng thấy khó ngủ.',
  'Tôi đang điều trị methadone ở tỉnh khác, sắp chuyển về quê. Làm sao để tiếp tục điều trị?',
  'Học sinh lớp tôi có em hút thuốc lá điện tử trong giờ ra chơi. Nhà trường nên làm gì?',
  'Bạn tôi uống rượu nhiều, hay say và đánh nhau. Tôi muốn giúp bạn nhưng không biết bắt đầu từ đâu.',
  'Tôi muốn được tư vấn vào buổi tối sau 19 giờ, vì ban ngày tôi đi làm.',
  'Con trai tôi mới đi cai về được 3 tháng, cháu cần việc làm. Có chương trình hỗ trợ nào không?',
  'Em sợ bố mẹ biết. Tư vấn có được giữ bí mật không ạ?',
  'Tôi ở Hà Nội, đi làm ở Hoàng Mai, muốn hỏi về xét nghiệm HIV miễn phí.',
  'Gia đình tôi ở Thành phố Hồ Chí Minh, muốn tìm nơi tư vấn gần quận cũ của mình.',
  'Trường học của con có nhiều bạn dùng vape. Tôi có nên báo cho cô giáo không?',
  'Tôi đã thử cai 3 lần, lần nào cũng tái nghiện sau khoảng 2 tuần. Tôi cần người nói chuyện.',
  'My teenage son has been vaping every day for a year. How do I start a conversation without a fight?',
  'I am a teacher and I think one of my students is using drugs. What should I do first?',
  'My brother wants to stop using heroin but is afraid of withdrawal. Is methadone available near us?',
  'We moved to Da Nang last year. Where can my partner get counselling in English?',
  'I work for an NGO and would like to refer clients. Do you accept requests on their behalf?',
  'Can I call you after 8 pm? I share a phone with my family, so please do not text.',
  'Lê lỏ đi chơi đêm, Trần nhà thì dột, tôi mệt mỏi lắm, chỉ muốn có người lắng nghe, khoảng 2 đến 3 lần một tuần.',
];

describe('the message guard leaves messages without personal details alone', () => {
  it('has twenty samples, Vietnamese and English', () => {
    expect(CLEAN).toHaveLength(20);
  });
  it.each(CLEAN.map((message) => [message]))('%s', (message) => {
    expect(findPersonalDetails(message)).toEqual([]);
  });
});
